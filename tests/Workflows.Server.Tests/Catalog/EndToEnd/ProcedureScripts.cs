// The eleven shipped procedures as scripts: who acts at each step (demo accounts) and the form data that completes it,
// valid per workflows/forms. Reviews are done by clerk.<bureau>, decisions by chief.<bureau>, the front desk by
// clerk.window, the rating by the applicant and the employer's recommendation by employer.demo. Plain data (no test
// framework), so bench/Workflows.Server.Benchmarks links this file for its bundle run.
using System.Text.Json.Nodes;
using static Workflows.Server.Tests.Catalog.EndToEnd.ScriptStep;

namespace Workflows.Server.Tests.Catalog.EndToEnd;

/// <summary>The scripts, one per file under <c>workflows/</c>.</summary>
public static class ProcedureScripts
{
    /// <summary>Every script by key.</summary>
    public static IReadOnlyDictionary<string, ProcedureScript> ByKey { get; } =
        All().ToDictionary(s => s.Key, StringComparer.Ordinal);

    private static IEnumerable<ProcedureScript> All()
    {
        yield return new(
            "work-residence-bundle",
            [],
            [
                Task("Task_WindowCheck", "clerk.window", WindowCheck()),
                Task("Task_WorkPermitReview", "clerk.kjj", Review()),
                Task("Task_ResidencePreReview", "clerk.crj", Review()),
                Task("Task_WorkPermitDecision", "chief.kjj", Decision("WP-2026-0001")),
                Task("Task_ResidenceDecision", "chief.crj", Decision("RP-2026-0001")),
                Task(
                    "Task_CardIssue",
                    "clerk.window",
                    new()
                    {
                        ["cardNumbers"] = "WP-2026-0001, RP-2026-0001",
                        ["delivery"] = "courier",
                        ["courierAddress"] = "上海市浦东新区世纪大道 1 号 / 1 Century Ave",
                    }
                ),
                Task("Task_Rating", "applicant.demo", Rating()),
            ],
            RejectAt: "Task_WorkPermitDecision",
            BreachAt: "Task_ResidencePreReview",
            BreachChief: "chief.crj"
        );

        yield return new(
            "work-permit",
            new() { ["talentClass"] = "A" },
            [
                Task(
                    "Task_WindowCheck",
                    "clerk.window",
                    WindowCheck(
                        new()
                        {
                            ["pledge"] = true,
                            ["pledgedItems"] = "健康证明 / health certificate",
                        }
                    )
                ),
                Task("Task_FastLaneReview", "clerk.kjj", Review()),
                Task("Task_Decision", "chief.kjj", Decision("WP-2026-0002")),
                Task("Task_CardCollection", "clerk.window", CardCollection()),
                Task("Task_Rating", "applicant.demo", Rating()),
            ],
            RejectAt: "Task_Decision",
            BreachAt: "Task_FastLaneReview",
            BreachChief: "chief.kjj"
        );

        yield return new(
            "residence-permit",
            [],
            [
                Task(
                    "Task_WindowCheck",
                    "clerk.window",
                    WindowCheck(
                        new()
                        {
                            ["fingerprintsTaken"] = true,
                            ["photoReceiptNumber"] = "PH-2026-0003",
                        }
                    )
                ),
                Task("Task_Review", "clerk.crj", Review()),
                Task("Task_Approval", "chief.crj", Decision("RP-2026-0003")),
                Task("Task_CardCollection", "clerk.window", CardCollection()),
                Task("Task_Rating", "applicant.demo", Rating()),
            ],
            RejectAt: "Task_Approval",
            BreachAt: "Task_WindowCheck",
            BreachChief: "chief.window"
        );

        yield return new(
            "talent-confirmation-letter",
            [],
            [
                Task("Task_WindowCheck", "clerk.window", WindowCheck()),
                Task("Task_Review", "clerk.kjj", Review()),
                Task("Task_Decision", "chief.kjj", Decision("R-2026-0004")),
                Task("Task_Rating", "applicant.demo", Rating()),
            ],
            RejectAt: "Task_Decision",
            BreachAt: "Task_Review",
            BreachChief: "chief.kjj"
        );

        yield return new(
            "permanent-residence-recommendation",
            [],
            [
                Task("Task_WindowCheck", "clerk.window", WindowCheck()),
                Task("Task_TalentRecognition", "clerk.rsj", Review()),
                Task("Task_RecommendationLetter", "chief.rsj", Decision("PR-2026-0005")),
                Task("Task_FirstReview", "clerk.crj", Review()),
                Message(
                    "Event_NationalApproval",
                    "national-approval",
                    new()
                    {
                        ["nationalApproved"] = true,
                        ["nationalDecisionNumber"] = "NIA-2026-0005",
                    }
                ),
                Task("Task_Rating", "applicant.demo", Rating()),
            ],
            RejectAt: "Task_RecommendationLetter",
            BreachAt: "Task_FirstReview",
            BreachChief: "chief.crj"
        );

        yield return new(
            "returnee-settlement",
            [],
            [
                Task("Task_WindowCheck", "clerk.window", WindowCheck()),
                Task("Task_Review", "clerk.rsj", Review()),
                Task("Task_TransferPermit", "chief.rsj", Decision("TP-2026-0006")),
                Task("Task_Registration", "clerk.rsj", Decision("HJ-2026-0006")),
                Task("Task_Rating", "applicant.demo", Rating()),
            ],
            RejectAt: "Task_TransferPermit",
            BreachAt: "Task_Review",
            BreachChief: "chief.rsj"
        );

        yield return new(
            "talent-classification",
            [],
            [
                Task(
                    "Task_EmployerRecommendation",
                    "employer.demo",
                    new()
                    {
                        ["employerName"] = "示例科技有限公司 Example Ltd",
                        ["recommendation"] =
                            "研发负责人，推荐认定 / Head of research, recommended for recognition.",
                        ["employerConfirms"] = true,
                    }
                ),
                Task("Task_WindowCheck", "clerk.window", WindowCheck()),
                Task("Task_DistrictReview", "clerk.rsj", Review()),
                Task("Task_CityReview", "chief.rsj", Review()),
                Task(
                    "Task_ExpertScoring",
                    "clerk.rsj",
                    new()
                    {
                        ["score"] = 86,
                        ["recommendedLevel"] = "B",
                        ["expertOpinion"] = "专家组一致推荐 / recommended by the panel",
                    }
                ),
                Timer("Event_PublicNotice"),
                Task("Task_Certificate", "chief.rsj", Decision("TC-2026-0007")),
                Task("Task_Rating", "applicant.demo", Rating()),
            ],
            RejectAt: "Task_CityReview",
            BreachAt: "Task_DistrictReview",
            BreachChief: "chief.rsj"
        );

        yield return new(
            "talent-apartment",
            new() { ["allocationMethod"] = "lottery" },
            [
                Task("Task_WindowCheck", "clerk.window", WindowCheck()),
                Task("Task_TalentStatusCheck", "clerk.rsj", Review()),
                Task("Task_HousingCheck", "clerk.zfj", Review()),
                Timer("Event_PublicNotice"),
                Task(
                    "Task_LotteryAllocation",
                    "clerk.zfj",
                    new() { ["apartmentNumber"] = "A-1203", ["lotteryNumber"] = "L-0042" }
                ),
                Task(
                    "Task_Contract",
                    "clerk.zfj",
                    new()
                    {
                        ["contractNumber"] = "LC-2026-0008",
                        ["leaseStart"] = "2026-05-01",
                        ["monthlyRent"] = 1500,
                    }
                ),
                Task("Task_Rating", "applicant.demo", Rating()),
            ],
            RejectAt: "Task_TalentStatusCheck",
            BreachAt: "Task_HousingCheck",
            BreachChief: "chief.zfj"
        );

        yield return new(
            "school-place",
            [],
            [
                Task("Task_WindowCheck", "clerk.window", WindowCheck()),
                Task("Task_Review", "clerk.jyj", Review()),
                Task("Task_SchoolConfirmed", "chief.jyj", Decision("SP-2026-0009")),
                Task(
                    "Task_Enrolment",
                    "clerk.jyj",
                    new()
                    {
                        ["schoolName"] = "实验小学 / Experimental Primary School",
                        ["grade"] = "3",
                        ["enrolmentDate"] = "2026-09-01",
                    }
                ),
                Task("Task_Rating", "applicant.demo", Rating()),
            ],
            RejectAt: "Task_SchoolConfirmed",
            BreachAt: "Task_Review",
            BreachChief: "chief.jyj"
        );

        yield return new(
            "medical-green-channel",
            [],
            [
                Task("Task_WindowCheck", "clerk.window", WindowCheck()),
                Task("Task_ServiceCard", "clerk.rsj", Decision("SC-2026-0010")),
                Task(
                    "Task_GreenChannelBooking",
                    "clerk.wjw",
                    new()
                    {
                        ["hospital"] = "市第一人民医院 / First People's Hospital",
                        ["appointmentAt"] = "2026-03-10T09:30:00+08:00",
                        ["guideName"] = "Li Na",
                        ["annualCheckup"] = true,
                    }
                ),
                Task("Task_Rating", "applicant.demo", Rating()),
            ],
            RejectAt: "Task_ServiceCard",
            BreachAt: "Task_GreenChannelBooking",
            BreachChief: "chief.wjw"
        );

        yield return new(
            "startup-registration",
            [],
            [
                Task(
                    "Task_WindowCheck",
                    "clerk.window",
                    WindowCheck(new() { ["complete"] = false })
                ),
                Task(
                    "Task_Review",
                    "clerk.scjgj",
                    new()
                    {
                        ["opinion"] = "经营范围涉及前置审批 / business scope needs prior approval",
                        ["approve"] = true,
                        ["complex"] = true,
                    }
                ),
                Task("Task_ChiefApproval", "chief.scjgj", Decision("SR-2026-0011")),
                Task("Task_Rating", "applicant.demo", Rating()),
            ],
            RejectAt: "Task_ChiefApproval",
            BreachAt: "Task_Review",
            BreachChief: "chief.scjgj"
        );
    }

    private static JsonObject WindowCheck(JsonObject? extra = null)
    {
        var form = new JsonObject
        {
            ["accepted"] = true,
            ["receiptNumber"] = "SL-2026-0001",
            ["windowNote"] = "材料齐全，予以受理 / complete, accepted",
        };
        foreach (var (key, value) in extra ?? [])
            form[key] = value?.DeepClone();
        return form;
    }

    private static JsonObject Review() =>
        new()
        {
            ["opinion"] = "符合条件，建议批准 / meets the conditions, recommend approval",
            ["approve"] = true,
        };

    private static JsonObject Decision(string number) =>
        new()
        {
            ["decisionNumber"] = number,
            ["validUntil"] = "2028-03-01",
            ["decisionNote"] = "准予许可 / granted",
        };

    private static JsonObject CardCollection() =>
        new() { ["collectedBy"] = "John Smith", ["identityChecked"] = true };

    private static JsonObject Rating() =>
        new() { ["rating"] = "5", ["ratingComment"] = "非常满意 / very satisfied" };
}
