using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DashboardBreachDays : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SupervisionRecords_BreachedAt_Bureau_DefinitionKey",
                table: "SupervisionRecords");

            migrationBuilder.AddColumn<DateOnly>(
                name: "BreachedDay",
                table: "SupervisionRecords",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionRecords_BreachedAt_BreachedDay_Bureau_DefinitionKey",
                table: "SupervisionRecords",
                columns: new[] { "BreachedAt", "BreachedDay", "Bureau", "DefinitionKey" });

            // Backfill: the office day (UTC+8, SlaStepRollup.OfficeOffset) of every breach already stored; SaveChanges stamps new ones.
            migrationBuilder.Sql(
                """
                    UPDATE "SupervisionRecords" SET "BreachedDay" = date(("BreachedAt" - 621355968000000000) / 10000000 + 28800, 'unixepoch');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SupervisionRecords_BreachedAt_BreachedDay_Bureau_DefinitionKey",
                table: "SupervisionRecords");

            migrationBuilder.DropColumn(
                name: "BreachedDay",
                table: "SupervisionRecords");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionRecords_BreachedAt_Bureau_DefinitionKey",
                table: "SupervisionRecords",
                columns: new[] { "BreachedAt", "Bureau", "DefinitionKey" });
        }
    }
}
