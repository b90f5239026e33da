using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Workflows.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CaseWorkAndSla : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ApplicantName",
                table: "Tasks",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Bureau",
                table: "Tasks",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SlaLevel",
                table: "Tasks",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SuspendedAt",
                table: "Tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApplicantName",
                table: "Instances",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Attachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    TaskId = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    MaterialKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FileName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StorageKey = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Attachments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IdempotencyRecords",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(650)", maxLength: 650, nullable: false),
                    Request = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    StatusCode = table.Column<int>(type: "integer", nullable: false),
                    ResponseJson = table.Column<string>(type: "text", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdempotencyRecords", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Recipient = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Channel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Subject = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: true),
                    TaskId = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    DedupKey = table.Column<string>(type: "character varying(280)", maxLength: 280, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeliveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SlaClocks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    TaskId = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DefinitionKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ElementId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Bureau = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Limit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StatutoryLimit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Warning = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ClockJson = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Level = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WarningAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    StatutoryDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    StoppedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Provisional = table.Column<bool>(type: "boolean", nullable: false),
                    FinishedLate = table.Column<bool>(type: "boolean", nullable: true),
                    WorkingDaysUsed = table.Column<double>(type: "double precision", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaClocks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClockId = table.Column<Guid>(type: "uuid", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    TaskId = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    DefinitionKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ElementId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Bureau = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Responsible = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    BreachedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    Note = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SupplementNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    TaskId = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    ElementId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ItemsJson = table.Column<string>(type: "text", nullable: false),
                    Note = table.Column<string>(type: "text", nullable: true),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    IsRepeat = table.Column<bool>(type: "boolean", nullable: false),
                    IssuedBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AnsweredBy = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupplementNotices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TaskComments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    TaskId = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    Author = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaskComments", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_BusinessKey",
                table: "Tasks",
                column: "BusinessKey");

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_Status_Bureau_DueAt_Id",
                table: "Tasks",
                columns: new[] { "Status", "Bureau", "DueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_Status_SlaLevel_DueAt",
                table: "Tasks",
                columns: new[] { "Status", "SlaLevel", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Instances_StartedBy_CreatedAt",
                table: "Instances",
                columns: new[] { "StartedBy", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_InstanceId",
                table: "Attachments",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_IdempotencyRecords_At",
                table: "IdempotencyRecords",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_DedupKey",
                table: "Notifications",
                column: "DedupKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Recipient_Channel_ReadAt_Id",
                table: "Notifications",
                columns: new[] { "Recipient", "Channel", "ReadAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Status_Channel",
                table: "Notifications",
                columns: new[] { "Status", "Channel" });

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_DefinitionKey_StoppedAt",
                table: "SlaClocks",
                columns: new[] { "DefinitionKey", "StoppedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_InstanceId_Kind",
                table: "SlaClocks",
                columns: new[] { "InstanceId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_Status_Level_Bureau",
                table: "SlaClocks",
                columns: new[] { "Status", "Level", "Bureau" });

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_TaskId",
                table: "SlaClocks",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionRecords_ClockId",
                table: "SupervisionRecords",
                column: "ClockId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionRecords_InstanceId",
                table: "SupervisionRecords",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionRecords_Status_BreachedAt",
                table: "SupervisionRecords",
                columns: new[] { "Status", "BreachedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SupplementNotices_InstanceId_ElementId",
                table: "SupplementNotices",
                columns: new[] { "InstanceId", "ElementId" });

            migrationBuilder.CreateIndex(
                name: "IX_SupplementNotices_TaskId",
                table: "SupplementNotices",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_TaskComments_InstanceId_Id",
                table: "TaskComments",
                columns: new[] { "InstanceId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Attachments");

            migrationBuilder.DropTable(
                name: "IdempotencyRecords");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "SlaClocks");

            migrationBuilder.DropTable(
                name: "SupervisionRecords");

            migrationBuilder.DropTable(
                name: "SupplementNotices");

            migrationBuilder.DropTable(
                name: "TaskComments");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_BusinessKey",
                table: "Tasks");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_Status_Bureau_DueAt_Id",
                table: "Tasks");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_Status_SlaLevel_DueAt",
                table: "Tasks");

            migrationBuilder.DropIndex(
                name: "IX_Instances_StartedBy_CreatedAt",
                table: "Instances");

            migrationBuilder.DropColumn(
                name: "ApplicantName",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "Bureau",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "SlaLevel",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "SuspendedAt",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "ApplicantName",
                table: "Instances");
        }
    }
}
