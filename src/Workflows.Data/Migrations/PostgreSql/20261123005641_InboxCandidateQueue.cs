using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InboxCandidateQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TaskCandidates_Kind_Value_TaskId",
                table: "TaskCandidates");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DueAt",
                table: "TaskCandidates",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "State",
                table: "TaskCandidates",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "claimable");

            // Backfill: candidate rows exist for open tasks only, and carry their task's queue state and due date.
            // Standard SQL with double-quoted identifiers, the same on SQLite, PostgreSQL and SQL Server.
            migrationBuilder.Sql(
                """
                DELETE FROM "TaskCandidates" WHERE "TaskId" IN (SELECT "Id" FROM "Tasks" WHERE "Status" <> 'Open');
                UPDATE "TaskCandidates" SET
                    "State" = COALESCE((SELECT CASE WHEN t."SuspendedAt" IS NOT NULL THEN 'suspended' WHEN t."Assignee" IS NOT NULL THEN 'claimed' ELSE 'claimable' END
                                        FROM "Tasks" t WHERE t."Id" = "TaskCandidates"."TaskId"), 'claimable'),
                    "DueAt" = (SELECT t."DueAt" FROM "Tasks" t WHERE t."Id" = "TaskCandidates"."TaskId");
                """
            );

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_Suspended",
                table: "Tasks",
                column: "SuspendedAt",
                filter: "\"SuspendedAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_TaskCandidates_Kind_Value_State_DueAt_TaskId",
                table: "TaskCandidates",
                columns: new[] { "Kind", "Value", "State", "DueAt", "TaskId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tasks_Suspended",
                table: "Tasks");

            migrationBuilder.DropIndex(
                name: "IX_TaskCandidates_Kind_Value_State_DueAt_TaskId",
                table: "TaskCandidates");

            migrationBuilder.DropColumn(
                name: "DueAt",
                table: "TaskCandidates");

            migrationBuilder.DropColumn(
                name: "State",
                table: "TaskCandidates");

            migrationBuilder.CreateIndex(
                name: "IX_TaskCandidates_Kind_Value_TaskId",
                table: "TaskCandidates",
                columns: new[] { "Kind", "Value", "TaskId" });
        }
    }
}
