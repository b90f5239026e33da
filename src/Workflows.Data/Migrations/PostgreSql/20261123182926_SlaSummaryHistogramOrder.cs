using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class SlaSummaryHistogramOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SlaClocks_Closed_Histogram",
                table: "SlaClocks");

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_Closed_Histogram",
                table: "SlaClocks",
                columns: new[] { "Kind", "Bureau", "DefinitionKey", "Limit", "FinishedLate", "WorkingDaysUsed", "StartedAt" },
                filter: "\"Status\" = 'stopped'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SlaClocks_Closed_Histogram",
                table: "SlaClocks");

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_Closed_Histogram",
                table: "SlaClocks",
                columns: new[] { "Kind", "DefinitionKey", "Limit", "FinishedLate", "WorkingDaysUsed", "StartedAt", "Bureau" },
                filter: "\"Status\" = 'stopped'");
        }
    }
}
