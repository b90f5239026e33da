using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Data.Migrations.PostgreSql
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
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionRecords_BreachedAt_BreachedDay_Bureau_Definition~",
                table: "SupervisionRecords",
                columns: new[] { "BreachedAt", "BreachedDay", "Bureau", "DefinitionKey" });

            // Backfill: the office day (UTC+8, SlaStepRollup.OfficeOffset) of every breach already stored; SaveChanges stamps new ones.
            migrationBuilder.Sql(
                """
                    UPDATE "SupervisionRecords" SET "BreachedDay" = (("BreachedAt" AT TIME ZONE 'UTC') + interval '8 hours')::date
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SupervisionRecords_BreachedAt_BreachedDay_Bureau_Definition~",
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
