using System.Text.Json;

namespace AnalyticsCenter.Core.Audit;

/// <summary>
/// Who did something: a signed-in person, a host platform's person in the embedded tab, an API key, or the command line.
/// Saved queries, subscriptions and the audit log keep it as one text (<see cref="ToStored"/>), so every store keeps the
/// same fields and a new field needs no new column.
/// </summary>
/// <param name="Kind">How they reached the product.</param>
/// <param name="Id">The user's id, the host's user id, the key's id, or the operating-system user.</param>
/// <param name="Name">A name for people: the email, the host's display name, the key's name, or the operating-system user.</param>
/// <param name="Email">The person's email, when there is one.</param>
/// <param name="Host">The host platform that signed the embed token (embedded only).</param>
public sealed record Actor(ActorKind Kind, string Id, string Name, string? Email = null, string? Host = null)
{
    /// <summary>A person signed in with a password.</summary>
    public static Actor User(string userId, string email) => new(ActorKind.User, userId, email, email);

    /// <summary>A host platform's person in the embedded tab, as the host's token names them.</summary>
    public static Actor Embedded(string host, string subject, string name, string email) =>
        new(ActorKind.Embedded, subject, string.IsNullOrWhiteSpace(name) ? email : name, email, host);

    /// <summary>An API key, by its id and name.</summary>
    public static Actor ApiKey(string keyId, string name) => new(ActorKind.ApiKey, keyId, name);

    /// <summary>The command line, as the operating-system user that ran it (<c>cli</c> when there is none).</summary>
    public static Actor Cli(string? osUser) =>
        string.IsNullOrWhiteSpace(osUser) ? new(ActorKind.Cli, "cli", "cli") : new(ActorKind.Cli, osUser, osUser);

    /// <summary>In words, for lists: <c>ana@example.com</c>, <c>Ana (embedded from yourplatform)</c>, <c>key nightly</c>, <c>cli:ana</c>.</summary>
    public override string ToString() => Kind switch
    {
        ActorKind.Embedded => $"{Name} (embedded from {Host})",
        ActorKind.ApiKey => $"key {Name}",
        ActorKind.Cli => Id == "cli" ? "cli" : $"cli:{Id}",
        _ => Name,
    };

    /// <summary>The text a store keeps: a small JSON object of the fields that are set.</summary>
    public string ToStored()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", Kind.ToString());
            writer.WriteString("id", Id);
            writer.WriteString("name", Name);
            if (Email is not null)
            {
                writer.WriteString("email", Email);
            }

            if (Host is not null)
            {
                writer.WriteString("host", Host);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads what <see cref="ToStored"/> wrote; null for null (a row kept before actors were recorded).</summary>
    /// <exception cref="FormatException">The text is not a stored actor.</exception>
    public static Actor? FromStored(string? stored)
    {
        if (stored is null)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(stored);
            var root = json.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var value) ? value.GetString() : null;
            return new Actor(Enum.Parse<ActorKind>(Text("kind") ?? ""), Text("id") ?? "", Text("name") ?? "", Text("email"), Text("host"));
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            throw new FormatException($"not a stored actor: {stored}", ex);
        }
    }
}
