using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DashboardRollup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SlaStepDays",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DefinitionKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ElementId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Bureau = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Clocks = table.Column<int>(type: "INTEGER", nullable: false),
                    WorkingDays = table.Column<double>(type: "REAL", nullable: false),
                    TaskId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaStepDays", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionRecords_BreachedAt_Bureau_DefinitionKey",
                table: "SupervisionRecords",
                columns: new[] { "BreachedAt", "Bureau", "DefinitionKey" });

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_Closed_Histogram",
                table: "SlaClocks",
                columns: new[] { "Kind", "DefinitionKey", "Limit", "FinishedLate", "WorkingDaysUsed", "StartedAt", "Bureau" },
                filter: "\"Status\" = 'stopped'");

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_Closed_Started",
                table: "SlaClocks",
                columns: new[] { "Kind", "StartedAt", "DefinitionKey", "ElementId", "Bureau", "Limit", "FinishedLate", "WorkingDaysUsed", "TaskId" },
                filter: "\"Status\" = 'stopped'");

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_Open_Due",
                table: "SlaClocks",
                columns: new[] { "DueAt", "Id", "Level", "Bureau", "Kind", "DefinitionKey" },
                filter: "\"Status\" <> 'stopped'");

            migrationBuilder.CreateIndex(
                name: "IX_SlaStepDays_Day_DefinitionKey_ElementId_Bureau",
                table: "SlaStepDays",
                columns: new[] { "Day", "DefinitionKey", "ElementId", "Bureau" },
                unique: true);

            // Backfill: the rollup of the closed task clocks already stored (SlaStepRollup.RebuildSqlite at this version).
            migrationBuilder.Sql(
                """
                    INSERT INTO "SlaStepDays" ("Day", "DefinitionKey", "ElementId", "Bureau", "Clocks", "WorkingDays", "TaskId")
                    SELECT date(("StartedAt" - 621355968000000000) / 10000000 + 28800, 'unixepoch'), "DefinitionKey", COALESCE("ElementId", ''), COALESCE("Bureau", ''),
                    COUNT(*), SUM("WorkingDaysUsed"), MAX("TaskId")
                    FROM "SlaClocks" WHERE "Kind" = 'task' AND "Status" = 'stopped' AND "WorkingDaysUsed" IS NOT NULL
                    GROUP BY 1, 2, 3, 4;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SlaStepDays");

            migrationBuilder.DropIndex(
                name: "IX_SupervisionRecords_BreachedAt_Bureau_DefinitionKey",
                table: "SupervisionRecords");

            migrationBuilder.DropIndex(
                name: "IX_SlaClocks_Closed_Histogram",
                table: "SlaClocks");

            migrationBuilder.DropIndex(
                name: "IX_SlaClocks_Closed_Started",
                table: "SlaClocks");

            migrationBuilder.DropIndex(
                name: "IX_SlaClocks_Open_Due",
                table: "SlaClocks");
        }
    }
}
