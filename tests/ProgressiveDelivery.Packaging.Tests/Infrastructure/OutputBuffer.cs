using System.Text;

namespace ProgressiveDelivery.Packaging.Tests.Infrastructure;

/// <summary>Lines of a child's output, appended from its reader threads and read at any time.</summary>
internal sealed class OutputBuffer
{
    private readonly StringBuilder _text = new();
    private readonly object _lock = new();

    public string Text
    {
        get
        {
            lock (_lock)
            {
                return _text.ToString();
            }
        }
    }

    public void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _text.AppendLine(line);
        }
    }
}
