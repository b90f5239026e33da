// The forms and materials checklist the task specs deploy against, written into a fixture's catalogue folder.
namespace Workflows.Server.Tests.Tasks;

/// <summary>Test forms (<c>test-review</c>) and the checklist <c>test-materials</c>.</summary>
public static class TaskCatalogue
{
    /// <summary>A form exercising every validated component type.</summary>
    public const string ReviewForm = """
        {
          "type": "default", "id": "test-review", "schemaVersion": 16,
          "components": [
            { "type": "textarea", "key": "opinion", "label": "Opinion", "validate": { "required": true, "minLength": 2, "maxLength": 50 } },
            { "type": "checkbox", "key": "approve", "label": "Approve" },
            { "type": "number", "key": "score", "label": "Score", "validate": { "min": 1, "max": 5 } },
            { "type": "select", "key": "permitClass", "label": "Class", "values": [ { "label": "A", "value": "A" }, { "label": "B", "value": "B" } ] },
            { "type": "checklist", "key": "checked", "label": "Checked", "values": [ { "label": "Passport", "value": "passport" }, { "label": "Degree", "value": "degree" } ] },
            { "type": "datetime", "key": "decidedOn", "label": "Decided on", "subtype": "date" },
            { "type": "textfield", "key": "permitNo", "label": "Permit number", "validate": { "pattern": "[A-Z]{2}[0-9]{4}" } },
            { "type": "text", "text": "Read this" }
          ]
        }
        """;

    /// <summary>The checklist named by the test processes' <c>materials</c> property.</summary>
    public const string Materials = """
        {
          "procedure": "test",
          "items": [
            { "key": "passport", "name": "护照", "nameEn": "Passport", "required": true },
            { "key": "degree", "name": "学位证书", "nameEn": "Degree certificate", "required": true },
            { "key": "contract", "name": "劳动合同", "nameEn": "Employment contract", "required": true }
          ]
        }
        """;

    /// <summary>Writes the form and checklist into <paramref name="catalogPath"/>.</summary>
    public static void WriteTo(string catalogPath)
    {
        Directory.CreateDirectory(Path.Combine(catalogPath, "forms"));
        Directory.CreateDirectory(Path.Combine(catalogPath, "materials"));
        File.WriteAllText(Path.Combine(catalogPath, "forms", "test-review.form.json"), ReviewForm);
        File.WriteAllText(Path.Combine(catalogPath, "materials", "test-materials.json"), Materials);
    }
}
