using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class TimerRetryBudget : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "Timers",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TimerId",
                table: "Incidents",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastError",
                table: "Timers");

            migrationBuilder.DropColumn(
                name: "TimerId",
                table: "Incidents");
        }
    }
}
