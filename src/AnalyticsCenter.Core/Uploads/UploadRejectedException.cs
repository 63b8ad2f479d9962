namespace AnalyticsCenter.Core.Uploads;

/// <summary>An upload that was refused (bad name, bad value, over a limit): the message says why and where; nothing was stored.</summary>
public sealed class UploadRejectedException(string message) : Exception(message);
