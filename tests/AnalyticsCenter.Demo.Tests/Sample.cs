using System.Text;

namespace AnalyticsCenter.Demo.Tests;

/// <summary>A generated output split into lines, with the summary the generator returned.</summary>
internal sealed class Sample
{
    public static readonly DateTimeOffset End = new(2026, 11, 30, 15, 30, 0, TimeSpan.Zero);

    private static readonly Lazy<Sample> s_withDefects = new(() => Generate(new DemoOptions { Events = 50_000, End = End }));
    private static readonly Lazy<Sample> s_withoutDefects = new(() => Generate(new DemoOptions { Events = 50_000, End = End, IncludeDefects = false }));

    private Sample(DemoOptions options, byte[] bytes, DemoSummary summary)
    {
        Options = options;
        Bytes = bytes;
        Summary = summary;
        var text = Encoding.UTF8.GetString(bytes);
        Lines = text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');
    }

    /// <summary>50,000 events of the default options, defects included.</summary>
    public static Sample WithDefects => s_withDefects.Value;

    /// <summary>50,000 events of the default options, no defects.</summary>
    public static Sample WithoutDefects => s_withoutDefects.Value;

    public DemoOptions Options { get; }

    public byte[] Bytes { get; }

    public DemoSummary Summary { get; }

    public string[] Lines { get; }

    public DateTimeOffset Start => Options.End - Options.Period;

    public static Sample Generate(DemoOptions options)
    {
        using var stream = new MemoryStream();
        var summary = new DemoEventGenerator(options).Write(stream);
        return new Sample(options, stream.ToArray(), summary);
    }
}
