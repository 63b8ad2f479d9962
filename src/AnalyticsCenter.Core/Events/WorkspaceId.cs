using System.Diagnostics.CodeAnalysis;

namespace AnalyticsCenter.Core.Events;

/// <summary>A tenant's identifier: 1 to 64 characters of <c>A-Z a-z 0-9 _ -</c>.</summary>
public readonly record struct WorkspaceId
{
    /// <summary>The longest identifier allowed.</summary>
    public const int MaxLength = 64;

    private WorkspaceId(string value) => Value = value;

    /// <summary>The identifier's text.</summary>
    public string Value { get; }

    /// <summary>Whether <paramref name="text"/> is a well-formed identifier.</summary>
    public static bool IsValid([NotNullWhen(true)] string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Validates <paramref name="text"/>, or throws <see cref="ArgumentException"/> saying why.</summary>
    public static WorkspaceId Parse(string? text) =>
        IsValid(text)
            ? new WorkspaceId(text)
            : throw new ArgumentException($"workspace \"{text}\" is not 1–64 characters of A-Z a-z 0-9 _ -", nameof(text));

    /// <summary>Validates without throwing.</summary>
    public static bool TryParse(string? text, out WorkspaceId id)
    {
        id = IsValid(text) ? new WorkspaceId(text) : default;
        return id.Value is not null;
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
