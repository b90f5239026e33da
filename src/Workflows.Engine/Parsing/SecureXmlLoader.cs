// Loads untrusted XML safely: no DTD (so no external entities and no entity expansion), bounded size and depth.
using System.Xml;
using System.Xml.Linq;

namespace Workflows.Engine.Parsing;

/// <summary>Turns text into an <see cref="XDocument"/> with line info, or into one error; never throws.</summary>
internal static class SecureXmlLoader
{
    public static XDocument? Load(string? xml, ParseOptions options, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(xml))
        {
            errors.Add(new ValidationError(null, 0, "The file is empty."));
            return null;
        }

        if (xml.Length > options.MaxCharacters)
        {
            errors.Add(
                new ValidationError(
                    null,
                    0,
                    $"The file has {xml.Length} characters; the limit is {options.MaxCharacters}."
                )
            );
            return null;
        }

        // One streaming pass checks well-formedness and depth before any tree is built, so a hostile file costs
        // at most one linear read; the DOCTYPE is refused by the reader itself, before any entity is declared.
        try
        {
            using (var reader = XmlReader.Create(new StringReader(xml), Settings()))
            {
                while (reader.Read())
                {
                    if (reader.NodeType == XmlNodeType.Element && reader.Depth >= options.MaxDepth)
                    {
                        var info = (IXmlLineInfo)reader;
                        errors.Add(
                            new ValidationError(
                                null,
                                info.LineNumber,
                                $"Elements are nested more than {options.MaxDepth} levels deep."
                            )
                        );
                        return null;
                    }
                }
            }

            using var treeReader = XmlReader.Create(new StringReader(xml), Settings());
            return XDocument.Load(treeReader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            // The reader refuses a DOCTYPE without a line number, so the line is found in the text.
            var doctype = xml.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
            var doctypeLine = doctype >= 0 ? LineOf(xml, doctype) : -1;
            if (doctype >= 0 && (ex.LineNumber == 0 || ex.LineNumber == doctypeLine))
            {
                errors.Add(
                    new ValidationError(
                        null,
                        doctypeLine,
                        "A DOCTYPE declaration is not allowed (DTDs and entities are refused for security)."
                    )
                );
            }
            else
            {
                errors.Add(
                    new ValidationError(
                        null,
                        ex.LineNumber,
                        $"The file is not well-formed XML: {ex.Message}"
                    )
                );
            }

            return null;
        }
    }

    private static XmlReaderSettings Settings() =>
        new()
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 0,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };

    private static int LineOf(string text, int index)
    {
        var line = 1;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }
}
