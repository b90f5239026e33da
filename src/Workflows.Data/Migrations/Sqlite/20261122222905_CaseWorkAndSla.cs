using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Bureau",
                table: "Tasks",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SlaLevel",
                table: "Tasks",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SuspendedAt",
                table: "Tasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApplicantName",
                table: "Instances",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Attachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaskId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    MaterialKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Attachments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IdempotencyRecords",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 650, nullable: false),
                    Request = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: false),
                    ResponseJson = table.Column<string>(type: "TEXT", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdempotencyRecords", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TaskId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    DedupKey = table.Column<string>(type: "TEXT", maxLength: 280, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SlaClocks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaskId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DefinitionKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ElementId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Bureau = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Limit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StatutoryLimit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Warning = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ClockJson = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WarningAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StatutoryDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StoppedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Provisional = table.Column<bool>(type: "INTEGER", nullable: false),
                    FinishedLate = table.Column<bool>(type: "INTEGER", nullable: true),
                    WorkingDaysUsed = table.Column<double>(type: "REAL", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaClocks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClockId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaskId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    DefinitionKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ElementId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Bureau = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Responsible = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    BreachedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Note = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SupplementNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaskId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    ElementId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ItemsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", nullable: true),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    IsRepeat = table.Column<bool>(type: "INTEGER", nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AnsweredBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupplementNotices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TaskComments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaskId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Author = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
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
