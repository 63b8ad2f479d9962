namespace AnalyticsCenter.Core.Uploads;

/// <summary>What every store checks before it stores an upload, the same way: the mode against what exists, and the limits.</summary>
public static class UploadRules
{
    /// <summary>
    /// Checks storing <paramref name="table"/> as <paramref name="mode"/> where the workspace has <paramref name="existing"/>
    /// of that name (or none) and <paramref name="otherTables"/> other tables holding <paramref name="otherBytes"/>.
    /// </summary>
    /// <returns>The rows and bytes the table will hold.</returns>
    /// <exception cref="UploadRejectedException">The mode does not fit, or a limit would be passed.</exception>
    public static (long Rows, long Bytes) Check(
        UploadedTable table, UploadMode mode, UploadInfo? existing, long otherTables, long otherBytes, UploadLimits limits)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(limits);
        switch (mode)
        {
            case UploadMode.Create when existing is not null:
                throw new UploadRejectedException($"the workspace already has a table named {table.Name}; replace it or append to it");
            case UploadMode.Append when existing is null:
                throw new UploadRejectedException($"the workspace has no table named {table.Name} to append to");
            case UploadMode.Append when !existing.Columns.SequenceEqual(table.Columns):
                throw new UploadRejectedException(
                    $"appended columns ({UploadColumnTypes.Describe(table.Columns)}) differ from " +
                    $"{table.Name}'s ({UploadColumnTypes.Describe(existing.Columns)}); " +
                    "name the same types with --type, or replace the table");
        }

        var (rows, bytes) = mode == UploadMode.Append ? (existing!.Rows + table.Rows.Count, existing.Bytes + table.Bytes) : (table.Rows.Count, table.Bytes);
        if (otherTables + 1 > limits.MaxTables)
        {
            throw new UploadRejectedException($"the workspace has {otherTables} tables, the most it may have is {limits.MaxTables}; delete one first");
        }

        if (rows > limits.MaxRows)
        {
            throw new UploadRejectedException($"{table.Name} would have {rows:N0} rows, more than the {limits.MaxRows:N0} a table may have");
        }

        return otherBytes + bytes > limits.MaxBytesPerWorkspace
            ? throw new UploadRejectedException(
                $"the workspace's tables would hold {otherBytes + bytes:N0} bytes, more than its limit of "
                + $"{limits.MaxBytesPerWorkspace:N0}; delete or shrink some")
            : (rows, bytes);
    }
}
