using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DefinitionKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Bureau = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Limit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Late = table.Column<bool>(type: "INTEGER", nullable: false),
                    WorkingDaysUsed = table.Column<double>(type: "REAL", nullable: false),
                    Clocks = table.Column<int>(type: "INTEGER", nullable: false)
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

            // Backfill: the rollup of the closed case clocks already stored (SlaCaseRollup.RebuildSqlite at this version).
            migrationBuilder.Sql(
                """
                    INSERT INTO "SlaCaseDays" ("Day", "DefinitionKey", "Bureau", "Limit", "Late", "WorkingDaysUsed", "Clocks")
                    SELECT date(("StartedAt" - 621355968000000000) / 10000000 + 28800, 'unixepoch'), "DefinitionKey", COALESCE("Bureau", ''), "Limit",
                    COALESCE("FinishedLate", 0), COALESCE("WorkingDaysUsed", -1), COUNT(*)
                    FROM "SlaClocks" WHERE "Kind" = 'case' AND "Status" = 'stopped'
                    GROUP BY 1, 2, 3, 4, 5, 6;
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
