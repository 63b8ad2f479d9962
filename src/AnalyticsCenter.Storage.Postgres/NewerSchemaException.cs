namespace AnalyticsCenter.Storage.Postgres;

/// <summary>The database was written by a newer version of the program, whose schema this one must not touch.</summary>
internal sealed class NewerSchemaException(int found, int known)
    : Exception($"the store's schema is version {found}, newer than this program knows ({known}): use the newer program");
