using System.Globalization;
using System.Text;

namespace ProgressiveDelivery.Flags.Internal;

/// <summary>
/// Builds the JSON paths of <see cref="DefinitionError.Path"/>: <c>$</c> for the root, <c>.name</c> for a schema
/// field, <c>['key']</c> for an entry of a map (flags, segments, variants, splits) and <c>[i]</c> for an array item.
/// </summary>
/// <remarks>
/// Inside brackets a quote is written <c>\'</c> and a backslash <c>\\</c>; control characters use the JSON escapes
/// (<c>\n</c>, <c>\u0001</c>), as in RFC 9535 normalized paths. A field name that is not an identifier is written
/// in brackets too, so the path can always be read back unambiguously.
/// </remarks>
internal static class JsonDefinitionPath
{
    public const string Root = "$";

    public static string Field(string parent, string name) =>
        IsIdentifier(name) ? string.Concat(parent, ".", name) : Key(parent, name);

    public static string Key(string parent, string key)
    {
        var builder = new StringBuilder(parent.Length + key.Length + 4);
        builder.Append(parent).Append("['");
        foreach (var c in key)
        {
            switch (c)
            {
                case '\'': builder.Append("\\'"); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append("']").ToString();
    }

    public static string Index(string parent, int index) =>
        string.Concat(parent, "[", index.ToString(CultureInfo.InvariantCulture), "]");

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '$')
            {
                return false;
            }
        }

        return true;
    }
}
