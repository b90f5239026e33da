using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Workflows.Data.Migrations.PostgreSql
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
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    DefinitionKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Bureau = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Limit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Late = table.Column<bool>(type: "boolean", nullable: false),
                    WorkingDaysUsed = table.Column<double>(type: "double precision", nullable: false),
                    Clocks = table.Column<int>(type: "integer", nullable: false)
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
                name: "IX_SlaCaseDays_Day_DefinitionKey_Bureau_Limit_Late_WorkingDays~",
                table: "SlaCaseDays",
                columns: new[] { "Day", "DefinitionKey", "Bureau", "Limit", "Late", "WorkingDaysUsed" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SlaCaseDays_Histogram",
                table: "SlaCaseDays",
                columns: new[] { "DefinitionKey", "Limit", "Late", "WorkingDaysUsed", "Day", "Bureau", "Clocks" });

            // Backfill: the rollup of the closed case clocks already stored (SlaCaseRollup.RebuildPostgreSql at this version).
            migrationBuilder.Sql(
                """
                    INSERT INTO "SlaCaseDays" ("Day", "DefinitionKey", "Bureau", "Limit", "Late", "WorkingDaysUsed", "Clocks")
                    SELECT (("StartedAt" AT TIME ZONE 'UTC') + interval '8 hours')::date, "DefinitionKey", COALESCE("Bureau", ''), "Limit",
                    COALESCE("FinishedLate", false), COALESCE("WorkingDaysUsed", -1), COUNT(*)
                    FROM "SlaClocks" WHERE "Kind" = 'case' AND "Status" = 'stopped'
                    GROUP BY 1, 2, 3, 4, 5, 6
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
