using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DashboardCaseRollup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SlaCaseDays",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    DefinitionKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Bureau = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Limit = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Late = table.Column<bool>(type: "bit", nullable: false),
                    WorkingDaysUsed = table.Column<double>(type: "float", nullable: false),
                    Clocks = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaCaseDays", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionRecords_Days",
                table: "SupervisionRecords",
                columns: new[] { "BreachedDay", "BreachedAt", "Bureau", "DefinitionKey" });

            migrationBuilder.CreateIndex(
                name: "IX_SlaStepDays_Steps",
                table: "SlaStepDays",
                columns: new[] { "DefinitionKey", "ElementId", "Day", "Bureau", "Clocks", "WorkingDays", "TaskId" });

            migrationBuilder.CreateIndex(
                name: "IX_SlaCaseDays_Day_DefinitionKey_Bureau_Limit_Late_WorkingDaysUsed",
                table: "SlaCaseDays",
                columns: new[] { "Day", "DefinitionKey", "Bureau", "Limit", "Late", "WorkingDaysUsed" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SlaCaseDays_Histogram",
                table: "SlaCaseDays",
                columns: new[] { "DefinitionKey", "Limit", "Late", "WorkingDaysUsed", "Day", "Bureau", "Clocks" });

            // Backfill: the rollup of the closed case clocks already stored (SlaCaseRollup.RebuildSqlServer at this version).
            migrationBuilder.Sql(
                """
                    INSERT INTO "SlaCaseDays" ("Day", "DefinitionKey", "Bureau", "Limit", "Late", "WorkingDaysUsed", "Clocks")
                    SELECT CAST(SWITCHOFFSET("StartedAt", '+08:00') AS date), "DefinitionKey", COALESCE("Bureau", ''), "Limit",
                    COALESCE("FinishedLate", CAST(0 AS bit)), COALESCE("WorkingDaysUsed", -1), COUNT(*)
                    FROM "SlaClocks" WHERE "Kind" = 'case' AND "Status" = 'stopped'
                    GROUP BY CAST(SWITCHOFFSET("StartedAt", '+08:00') AS date), "DefinitionKey", COALESCE("Bureau", ''), "Limit",
                    COALESCE("FinishedLate", CAST(0 AS bit)), COALESCE("WorkingDaysUsed", -1)
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SlaCaseDays");

            migrationBuilder.DropIndex(
                name: "IX_SupervisionRecords_Days",
                table: "SupervisionRecords");

            migrationBuilder.DropIndex(
                name: "IX_SlaStepDays_Steps",
                table: "SlaStepDays");
        }
    }
}
