CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NULL,
    "BureauCode" TEXT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" INTEGER NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "AuditEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEvents" PRIMARY KEY AUTOINCREMENT,
    "At" INTEGER NOT NULL,
    "Actor" TEXT NULL,
    "Action" TEXT NOT NULL,
    "InstanceId" TEXT NULL,
    "TaskId" TEXT NULL,
    "ElementId" TEXT NULL,
    "DataJson" TEXT NULL
);

CREATE TABLE "Definitions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Definitions" PRIMARY KEY,
    "Key" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Name" TEXT NULL,
    "NameEn" TEXT NULL,
    "ContentHash" TEXT NOT NULL,
    "Xml" TEXT NOT NULL,
    "DeployedBy" TEXT NULL,
    "DeployedAt" INTEGER NOT NULL,
    "Status" TEXT NOT NULL
);

CREATE TABLE "Groups" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Groups" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "NameEn" TEXT NOT NULL,
    "BureauCode" TEXT NULL
);

CREATE TABLE "Incidents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Incidents" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "ElementId" TEXT NULL,
    "Message" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ResolvedAt" INTEGER NULL,
    "ResolvedBy" TEXT NULL
);

CREATE TABLE "MessageSubscriptions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_MessageSubscriptions" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "ElementId" TEXT NOT NULL,
    "MessageName" TEXT NOT NULL,
    "CorrelationKey" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "Outbox" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Outbox" PRIMARY KEY AUTOINCREMENT,
    "InstanceId" TEXT NULL,
    "Type" TEXT NOT NULL,
    "PayloadJson" TEXT NOT NULL,
    "IdempotencyKey" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "DispatchedAt" INTEGER NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL,
    "NextAttemptAt" INTEGER NULL
);

CREATE TABLE "Tasks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Tasks" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "ElementId" TEXT NOT NULL,
    "Name" TEXT NULL,
    "NameEn" TEXT NULL,
    "DefinitionKey" TEXT NOT NULL,
    "BusinessKey" TEXT NULL,
    "Status" TEXT NOT NULL,
    "Assignee" TEXT NULL,
    "Owner" TEXT NULL,
    "Priority" INTEGER NOT NULL,
    "FormKey" TEXT NULL,
    "DueAt" INTEGER NULL,
    "FollowUpAt" INTEGER NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ClaimedAt" INTEGER NULL,
    "CompletedAt" INTEGER NULL,
    "CompletedBy" TEXT NULL,
    "CandidateGroups" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "LocalVariablesJson" TEXT NULL,
    "SlaJson" TEXT NULL
);

CREATE TABLE "Timers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Timers" PRIMARY KEY,
    "InstanceId" TEXT NULL,
    "TaskId" TEXT NULL,
    "ElementId" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "Payload" TEXT NULL,
    "DueAt" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "FiredAt" INTEGER NULL,
    "Attempts" INTEGER NOT NULL,
    "LockedBy" TEXT NULL,
    "LockedUntil" INTEGER NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Instances" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Instances" PRIMARY KEY,
    "DefinitionId" TEXT NOT NULL,
    "DefinitionKey" TEXT NOT NULL,
    "DefinitionVersion" INTEGER NOT NULL,
    "BusinessKey" TEXT NULL,
    "Status" TEXT NOT NULL,
    "StateJson" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "StartedBy" TEXT NULL,
    "ParentInstanceId" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "EndedAt" INTEGER NULL,
    CONSTRAINT "FK_Instances_Definitions_DefinitionId" FOREIGN KEY ("DefinitionId") REFERENCES "Definitions" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "UserGroups" (
    "UserId" TEXT NOT NULL,
    "GroupId" TEXT NOT NULL,
    CONSTRAINT "PK_UserGroups" PRIMARY KEY ("UserId", "GroupId"),
    CONSTRAINT "FK_UserGroups_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_UserGroups_Groups_GroupId" FOREIGN KEY ("GroupId") REFERENCES "Groups" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TaskCandidates" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TaskCandidates" PRIMARY KEY AUTOINCREMENT,
    "TaskId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Value" TEXT NOT NULL,
    CONSTRAINT "FK_TaskCandidates_Tasks_TaskId" FOREIGN KEY ("TaskId") REFERENCES "Tasks" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE INDEX "IX_AuditEvents_At" ON "AuditEvents" ("At");

CREATE INDEX "IX_AuditEvents_InstanceId_Id" ON "AuditEvents" ("InstanceId", "Id");

CREATE INDEX "IX_Definitions_Key_ContentHash" ON "Definitions" ("Key", "ContentHash");

CREATE UNIQUE INDEX "IX_Definitions_Key_Version" ON "Definitions" ("Key", "Version");

CREATE INDEX "IX_Incidents_InstanceId" ON "Incidents" ("InstanceId");

CREATE INDEX "IX_Instances_BusinessKey" ON "Instances" ("BusinessKey");

CREATE INDEX "IX_Instances_DefinitionId" ON "Instances" ("DefinitionId");

CREATE INDEX "IX_Instances_DefinitionKey_Status" ON "Instances" ("DefinitionKey", "Status");

CREATE INDEX "IX_Instances_ParentInstanceId" ON "Instances" ("ParentInstanceId");

CREATE INDEX "IX_MessageSubscriptions_InstanceId" ON "MessageSubscriptions" ("InstanceId");

CREATE INDEX "IX_MessageSubscriptions_MessageName_CorrelationKey" ON "MessageSubscriptions" ("MessageName", "CorrelationKey");

CREATE INDEX "IX_Outbox_DispatchedAt_Id" ON "Outbox" ("DispatchedAt", "Id");

CREATE UNIQUE INDEX "IX_Outbox_IdempotencyKey" ON "Outbox" ("IdempotencyKey");

CREATE INDEX "IX_TaskCandidates_Kind_Value_TaskId" ON "TaskCandidates" ("Kind", "Value", "TaskId");

CREATE INDEX "IX_TaskCandidates_TaskId" ON "TaskCandidates" ("TaskId");

CREATE INDEX "IX_Tasks_InstanceId" ON "Tasks" ("InstanceId");

CREATE INDEX "IX_Tasks_Status_Assignee_DueAt_Id" ON "Tasks" ("Status", "Assignee", "DueAt", "Id");

CREATE INDEX "IX_Tasks_Status_DueAt_Id" ON "Tasks" ("Status", "DueAt", "Id");

CREATE INDEX "IX_Timers_InstanceId" ON "Timers" ("InstanceId");

CREATE INDEX "IX_Timers_Status_DueAt" ON "Timers" ("Status", "DueAt");

CREATE INDEX "IX_UserGroups_GroupId" ON "UserGroups" ("GroupId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122221425_Initial', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Tasks" ADD "ApplicantName" TEXT NULL;

ALTER TABLE "Tasks" ADD "Bureau" TEXT NULL;

ALTER TABLE "Tasks" ADD "SlaLevel" TEXT NULL;

ALTER TABLE "Tasks" ADD "SuspendedAt" INTEGER NULL;

ALTER TABLE "Instances" ADD "ApplicantName" TEXT NULL;

CREATE TABLE "Attachments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Attachments" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "TaskId" TEXT NULL,
    "MaterialKey" TEXT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "StorageKey" TEXT NOT NULL,
    "UploadedBy" TEXT NOT NULL,
    "UploadedAt" INTEGER NOT NULL
);

CREATE TABLE "IdempotencyRecords" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_IdempotencyRecords" PRIMARY KEY,
    "Request" TEXT NOT NULL,
    "StatusCode" INTEGER NOT NULL,
    "ResponseJson" TEXT NULL,
    "At" INTEGER NOT NULL
);

CREATE TABLE "Notifications" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Notifications" PRIMARY KEY AUTOINCREMENT,
    "Recipient" TEXT NOT NULL,
    "Channel" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "InstanceId" TEXT NULL,
    "TaskId" TEXT NULL,
    "DedupKey" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ReadAt" INTEGER NULL,
    "DeliveredAt" INTEGER NULL,
    "Status" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL
);

CREATE TABLE "SlaClocks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SlaClocks" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "TaskId" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "DefinitionKey" TEXT NOT NULL,
    "ElementId" TEXT NULL,
    "Bureau" TEXT NULL,
    "Limit" TEXT NOT NULL,
    "StatutoryLimit" TEXT NULL,
    "Warning" TEXT NOT NULL,
    "ClockJson" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Level" TEXT NOT NULL,
    "StartedAt" INTEGER NOT NULL,
    "DueAt" INTEGER NULL,
    "WarningAt" INTEGER NULL,
    "StatutoryDueAt" INTEGER NULL,
    "StoppedAt" INTEGER NULL,
    "Provisional" INTEGER NOT NULL,
    "FinishedLate" INTEGER NULL,
    "WorkingDaysUsed" REAL NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "SupervisionRecords" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SupervisionRecords" PRIMARY KEY,
    "ClockId" TEXT NOT NULL,
    "InstanceId" TEXT NOT NULL,
    "TaskId" TEXT NULL,
    "DefinitionKey" TEXT NOT NULL,
    "ElementId" TEXT NULL,
    "Bureau" TEXT NULL,
    "Responsible" TEXT NULL,
    "DueAt" INTEGER NOT NULL,
    "BreachedAt" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "ClosedAt" INTEGER NULL,
    "ClosedBy" TEXT NULL,
    "Note" TEXT NULL
);

CREATE TABLE "SupplementNotices" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SupplementNotices" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "TaskId" TEXT NOT NULL,
    "ElementId" TEXT NOT NULL,
    "ItemsJson" TEXT NOT NULL,
    "Note" TEXT NULL,
    "Sequence" INTEGER NOT NULL,
    "IsRepeat" INTEGER NOT NULL,
    "IssuedBy" TEXT NOT NULL,
    "IssuedAt" INTEGER NOT NULL,
    "AnsweredAt" INTEGER NULL,
    "AnsweredBy" TEXT NULL
);

CREATE TABLE "TaskComments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TaskComments" PRIMARY KEY AUTOINCREMENT,
    "InstanceId" TEXT NOT NULL,
    "TaskId" TEXT NULL,
    "Author" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "At" INTEGER NOT NULL
);

CREATE INDEX "IX_Tasks_BusinessKey" ON "Tasks" ("BusinessKey");

CREATE INDEX "IX_Tasks_Status_Bureau_DueAt_Id" ON "Tasks" ("Status", "Bureau", "DueAt", "Id");

CREATE INDEX "IX_Tasks_Status_SlaLevel_DueAt" ON "Tasks" ("Status", "SlaLevel", "DueAt");

CREATE INDEX "IX_Instances_StartedBy_CreatedAt" ON "Instances" ("StartedBy", "CreatedAt");

CREATE INDEX "IX_Attachments_InstanceId" ON "Attachments" ("InstanceId");

CREATE INDEX "IX_IdempotencyRecords_At" ON "IdempotencyRecords" ("At");

CREATE UNIQUE INDEX "IX_Notifications_DedupKey" ON "Notifications" ("DedupKey");

CREATE INDEX "IX_Notifications_Recipient_Channel_ReadAt_Id" ON "Notifications" ("Recipient", "Channel", "ReadAt", "Id");

CREATE INDEX "IX_Notifications_Status_Channel" ON "Notifications" ("Status", "Channel");

CREATE INDEX "IX_SlaClocks_DefinitionKey_StoppedAt" ON "SlaClocks" ("DefinitionKey", "StoppedAt");

CREATE INDEX "IX_SlaClocks_InstanceId_Kind" ON "SlaClocks" ("InstanceId", "Kind");

CREATE INDEX "IX_SlaClocks_Status_Level_Bureau" ON "SlaClocks" ("Status", "Level", "Bureau");

CREATE INDEX "IX_SlaClocks_TaskId" ON "SlaClocks" ("TaskId");

CREATE UNIQUE INDEX "IX_SupervisionRecords_ClockId" ON "SupervisionRecords" ("ClockId");

CREATE INDEX "IX_SupervisionRecords_InstanceId" ON "SupervisionRecords" ("InstanceId");

CREATE INDEX "IX_SupervisionRecords_Status_BreachedAt" ON "SupervisionRecords" ("Status", "BreachedAt");

CREATE INDEX "IX_SupplementNotices_InstanceId_ElementId" ON "SupplementNotices" ("InstanceId", "ElementId");

CREATE INDEX "IX_SupplementNotices_TaskId" ON "SupplementNotices" ("TaskId");

CREATE INDEX "IX_TaskComments_InstanceId_Id" ON "TaskComments" ("InstanceId", "Id");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122222905_CaseWorkAndSla', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122224135_DataProtectionKeys', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "Drafts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Drafts" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Content" TEXT NOT NULL,
    "ContentHash" TEXT NOT NULL,
    "SavedBy" TEXT NULL,
    "SavedAt" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_Drafts_Kind_Key_Version" ON "Drafts" ("Kind", "Key", "Version");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122225138_DesignerDrafts', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE INDEX "IX_Tasks_Status_ApplicantName" ON "Tasks" ("Status", "ApplicantName");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122232333_InboxApplicantIndex', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
DROP INDEX "IX_TaskCandidates_Kind_Value_TaskId";

ALTER TABLE "TaskCandidates" ADD "DueAt" INTEGER NULL;

ALTER TABLE "TaskCandidates" ADD "State" TEXT NOT NULL DEFAULT 'claimable';

DELETE FROM "TaskCandidates" WHERE "TaskId" IN (SELECT "Id" FROM "Tasks" WHERE "Status" <> 'Open');
UPDATE "TaskCandidates" SET
    "State" = COALESCE((SELECT CASE WHEN t."SuspendedAt" IS NOT NULL THEN 'suspended' WHEN t."Assignee" IS NOT NULL THEN 'claimed' ELSE 'claimable' END
                        FROM "Tasks" t WHERE t."Id" = "TaskCandidates"."TaskId"), 'claimable'),
    "DueAt" = (SELECT t."DueAt" FROM "Tasks" t WHERE t."Id" = "TaskCandidates"."TaskId");

CREATE INDEX "IX_Tasks_Suspended" ON "Tasks" ("SuspendedAt") WHERE "SuspendedAt" IS NOT NULL;

CREATE INDEX "IX_TaskCandidates_Kind_Value_State_DueAt_TaskId" ON "TaskCandidates" ("Kind", "Value", "State", "DueAt", "TaskId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123005535_InboxCandidateQueue', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "SlaStepDays" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SlaStepDays" PRIMARY KEY AUTOINCREMENT,
    "Day" TEXT NOT NULL,
    "DefinitionKey" TEXT NOT NULL,
    "ElementId" TEXT NOT NULL,
    "Bureau" TEXT NOT NULL,
    "Clocks" INTEGER NOT NULL,
    "WorkingDays" REAL NOT NULL,
    "TaskId" TEXT NULL
);

CREATE INDEX "IX_SupervisionRecords_BreachedAt_Bureau_DefinitionKey" ON "SupervisionRecords" ("BreachedAt", "Bureau", "DefinitionKey");

CREATE INDEX "IX_SlaClocks_Closed_Histogram" ON "SlaClocks" ("Kind", "DefinitionKey", "Limit", "FinishedLate", "WorkingDaysUsed", "StartedAt", "Bureau") WHERE "Status" = 'stopped';

CREATE INDEX "IX_SlaClocks_Closed_Started" ON "SlaClocks" ("Kind", "StartedAt", "DefinitionKey", "ElementId", "Bureau", "Limit", "FinishedLate", "WorkingDaysUsed", "TaskId") WHERE "Status" = 'stopped';

CREATE INDEX "IX_SlaClocks_Open_Due" ON "SlaClocks" ("DueAt", "Id", "Level", "Bureau", "Kind", "DefinitionKey") WHERE "Status" <> 'stopped';

CREATE UNIQUE INDEX "IX_SlaStepDays_Day_DefinitionKey_ElementId_Bureau" ON "SlaStepDays" ("Day", "DefinitionKey", "ElementId", "Bureau");

    INSERT INTO "SlaStepDays" ("Day", "DefinitionKey", "ElementId", "Bureau", "Clocks", "WorkingDays", "TaskId")
    SELECT date(("StartedAt" - 621355968000000000) / 10000000 + 28800, 'unixepoch'), "DefinitionKey", COALESCE("ElementId", ''), COALESCE("Bureau", ''),
    COUNT(*), SUM("WorkingDaysUsed"), MAX("TaskId")
    FROM "SlaClocks" WHERE "Kind" = 'task' AND "Status" = 'stopped' AND "WorkingDaysUsed" IS NOT NULL
    GROUP BY 1, 2, 3, 4;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123041247_DashboardRollup', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
DROP INDEX "IX_SupervisionRecords_BreachedAt_Bureau_DefinitionKey";

ALTER TABLE "SupervisionRecords" ADD "BreachedDay" TEXT NOT NULL DEFAULT '0001-01-01';

CREATE INDEX "IX_SupervisionRecords_BreachedAt_BreachedDay_Bureau_DefinitionKey" ON "SupervisionRecords" ("BreachedAt", "BreachedDay", "Bureau", "DefinitionKey");

    UPDATE "SupervisionRecords" SET "BreachedDay" = date(("BreachedAt" - 621355968000000000) / 10000000 + 28800, 'unixepoch');

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123042302_DashboardBreachDays', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "SlaCaseDays" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SlaCaseDays" PRIMARY KEY AUTOINCREMENT,
    "Day" TEXT NOT NULL,
    "DefinitionKey" TEXT NOT NULL,
    "Bureau" TEXT NOT NULL,
    "Limit" TEXT NOT NULL,
    "Late" INTEGER NOT NULL,
    "WorkingDaysUsed" REAL NOT NULL,
    "Clocks" INTEGER NOT NULL
);

CREATE INDEX "IX_SupervisionRecords_Days" ON "SupervisionRecords" ("BreachedDay", "BreachedAt", "Bureau", "DefinitionKey");

CREATE INDEX "IX_SlaStepDays_Steps" ON "SlaStepDays" ("DefinitionKey", "ElementId", "Day", "Bureau", "Clocks", "WorkingDays", "TaskId");

CREATE UNIQUE INDEX "IX_SlaCaseDays_Day_DefinitionKey_Bureau_Limit_Late_WorkingDaysUsed" ON "SlaCaseDays" ("Day", "DefinitionKey", "Bureau", "Limit", "Late", "WorkingDaysUsed");

CREATE INDEX "IX_SlaCaseDays_Histogram" ON "SlaCaseDays" ("DefinitionKey", "Limit", "Late", "WorkingDaysUsed", "Day", "Bureau", "Clocks");

    INSERT INTO "SlaCaseDays" ("Day", "DefinitionKey", "Bureau", "Limit", "Late", "WorkingDaysUsed", "Clocks")
    SELECT date(("StartedAt" - 621355968000000000) / 10000000 + 28800, 'unixepoch'), "DefinitionKey", COALESCE("Bureau", ''), "Limit",
    COALESCE("FinishedLate", 0), COALESCE("WorkingDaysUsed", -1), COUNT(*)
    FROM "SlaClocks" WHERE "Kind" = 'case' AND "Status" = 'stopped'
    GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123050625_DashboardCaseRollup', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Timers" ADD "LastError" TEXT NULL;

ALTER TABLE "Incidents" ADD "TimerId" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123065330_TimerRetryBudget', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
DROP INDEX "IX_SlaClocks_Closed_Histogram";

CREATE INDEX "IX_SlaClocks_Closed_Histogram" ON "SlaClocks" ("Kind", "Bureau", "DefinitionKey", "Limit", "FinishedLate", "WorkingDaysUsed", "StartedAt") WHERE "Status" = 'stopped';

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123182913_SlaSummaryHistogramOrder', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "RevokedSessions" (
    "SessionId" TEXT NOT NULL CONSTRAINT "PK_RevokedSessions" PRIMARY KEY,
    "UserName" TEXT NULL,
    "RevokedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL
);

CREATE INDEX "IX_RevokedSessions_ExpiresAt" ON "RevokedSessions" ("ExpiresAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123231711_RevokedSessions', '10.0.14');

COMMIT;

