using System.IO.Compression;
using AnalyticsCenter.Core.Uploads;
using MiniExcelLibs;

namespace AnalyticsCenter.Query.Uploads;

/// <summary>
/// Reads the first sheet of an XLSX workbook. An XLSX is a zip: before the reader sees it, every entry is unpacked
/// through a counter, so a zip bomb (few bytes unpacking to gigabytes, or thousands of entries) is refused at its
/// bound, however its headers understate it.
/// </summary>
internal static class XlsxCells
{
    public static async Task<UploadCells> ReadAsync(Stream input, UploadLimits limits, CancellationToken cancellationToken)
    {
        var file = new MemoryStream();
        await input.CopyToAsync(file, cancellationToken);
        CheckUnpackedSize(file, limits);
        file.Position = 0;
        IEnumerable<IDictionary<string, object?>> sheet;
        try
        {
            sheet = MiniExcel.Query(file, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>();
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or System.Xml.XmlException)
        {
            throw new UploadRejectedException("the file is not a readable XLSX workbook: " + ex.Message);
        }

        List<string?>? header = null;
        var rows = new List<string?[]>();
        var positions = new List<long>();
        var rowNumber = 0L;
        foreach (var row in sheet)
        {
            cancellationToken.ThrowIfCancellationRequested();
            rowNumber++;
            var cells = row.Values.Select(CellText.Of).ToList();
            if (header is null)
            {
                // Trailing empty header cells are the sheet's width, not columns.
                while (cells.Count > 0 && cells[^1] is null)
                {
                    cells.RemoveAt(cells.Count - 1);
                }

                header = cells;
                continue;
            }

            if (cells.All(c => c is null))
            {
                continue;
            }

            if (cells.Skip(header.Count).Any(c => c is not null))
            {
                throw new UploadRejectedException($"row {rowNumber} has a value right of the last named column ({header.Count})");
            }

            var values = new string?[header.Count];
            for (var i = 0; i < values.Length && i < cells.Count; i++)
            {
                values[i] = cells[i] is { Length: var length } text && length > limits.MaxValueChars
                    ? throw new UploadRejectedException($"row {rowNumber}, column {i + 1}: a value is longer than {limits.MaxValueChars:N0} characters")
                    : cells[i];
            }

            rows.Add(values);
            positions.Add(rowNumber);
            if (rows.Count > limits.MaxRows)
            {
                throw new UploadRejectedException($"the sheet has more than {limits.MaxRows:N0} rows, the most one table may have");
            }
        }

        return new UploadCells("row", header ?? throw new UploadRejectedException("the sheet is empty: the first row must name the columns"), rows, positions);
    }

    private static void CheckUnpackedSize(MemoryStream file, UploadLimits limits)
    {
        file.Position = 0;
        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > limits.MaxXlsxEntries)
            {
                throw new UploadRejectedException($"the XLSX file holds {zip.Entries.Count:N0} parts, more than the {limits.MaxXlsxEntries:N0} allowed");
            }

            var budget = limits.MaxXlsxUnpackedBytes;
            foreach (var entry in zip.Entries)
            {
                using var unpacked = new BoundedStream(entry.Open(), budget, "the XLSX file unpacked");
                unpacked.CopyTo(Stream.Null);
                budget -= unpacked.Position;
            }
        }
        catch (InvalidDataException ex)
        {
            throw new UploadRejectedException("the file is not a readable XLSX workbook (not a zip): " + ex.Message);
        }
    }
}
