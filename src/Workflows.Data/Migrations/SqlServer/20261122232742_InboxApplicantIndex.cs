using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class InboxApplicantIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Tasks_Status_ApplicantName",
                table: "Tasks",
                columns: new[] { "Status", "ApplicantName" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tasks_Status_ApplicantName",
                table: "Tasks");
        }
    }
}
