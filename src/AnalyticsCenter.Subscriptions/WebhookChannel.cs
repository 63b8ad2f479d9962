using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AnalyticsCenter.Core.Subscriptions;

namespace AnalyticsCenter.Subscriptions;

/// <summary>
/// A signed JSON POST (<see cref="WebhookSigner"/>) to the subscription's URL. A 5xx answer, a timeout or a broken
/// connection is retried after an exponential backoff with jitter; any other answer is final (2xx delivered, 4xx failed:
/// the receiver refused this body, and the same body would be refused again). After the last attempt the delivery fails
/// with the last reason.
/// </summary>
public sealed class WebhookChannel(HttpClient http, SubscriptionOptions options, TimeProvider time) : IDeliveryChannel
{
    /// <summary>The header carrying the idempotency key, also the body's <c>id</c>.</summary>
    public const string DeliveryHeader = "X-Analytics-Delivery";

    public ChannelKind Kind => ChannelKind.Webhook;

    public async Task<SendOutcome> SendAsync(Subscription subscription, Delivery delivery, ResultAttachment result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(delivery);
        if (!Uri.TryCreate(subscription.Request.Target, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return SendOutcome.Failed($"\"{subscription.Request.Target}\" is not an http(s) URL");
        }

        return await PostAsync(url, subscription.Secret, delivery.IdempotencyKey, Body(subscription, delivery, result), cancellationToken);
    }

    /// <summary>
    /// Posts <paramref name="body"/> to <paramref name="url"/>, signed with <paramref name="secret"/> and carrying
    /// <paramref name="idempotencyKey"/>, retrying as this channel does (alerts notify through it too).
    /// </summary>
    public async Task<SendOutcome> PostAsync(Uri url, string secret, string idempotencyKey, byte[] body, CancellationToken cancellationToken)
    {
        var reason = "";
        for (var attempt = 1; attempt <= options.WebhookAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(Backoff(attempt - 1), time, cancellationToken);
            }

            using var timeout = new CancellationTokenSource(options.WebhookTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add(WebhookSigner.Header, WebhookSigner.Sign(secret, time.GetUtcNow(), body));
            request.Headers.Add(DeliveryHeader, idempotencyKey);
            try
            {
                using var response = await http.SendAsync(request, linked.Token);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    return SendOutcome.Ok(attempt > 1 ? $"HTTP {status} on attempt {attempt}" : null);
                }

                reason = $"HTTP {status} {response.ReasonPhrase}".TrimEnd();
                if (status < 500)
                {
                    return SendOutcome.Failed($"{reason} on attempt {attempt}: refused, not retried");
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                reason = $"no answer within {options.WebhookTimeout.TotalSeconds:0.#} s";
            }
            catch (HttpRequestException ex)
            {
                reason = ex.HttpRequestError == HttpRequestError.Unknown ? ex.Message : $"{ex.HttpRequestError}: {ex.Message}";
            }
        }

        return SendOutcome.Failed(string.Create(CultureInfo.InvariantCulture, $"{reason} after {options.WebhookAttempts} attempts"));
    }

    /// <summary>
    /// The wait before retry <paramref name="retry"/> (1 for the first): doubling from the first backoff, plus up to as
    /// much again at random.
    /// </summary>
    internal TimeSpan Backoff(int retry)
    {
        var doubled = options.WebhookFirstBackoff * Math.Pow(2, retry - 1);
        return doubled + (doubled * Random.Shared.NextDouble());
    }

    /// <summary>
    /// The JSON body: the idempotency key as <c>id</c>, what and whose it is, the first rows and the CSV (as cut for email).
    /// </summary>
    internal static byte[] Body(Subscription subscription, Delivery delivery, ResultAttachment result)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", delivery.IdempotencyKey);
            json.WriteString("subscription_id", subscription.Id);
            json.WriteString("subscription_name", subscription.Request.Name);
            json.WriteString("workspace", subscription.Request.Workspace.Value);
            json.WriteString("slot", delivery.SlotUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteString("title", result.Title);
            json.WriteStartArray("columns");
            foreach (var column in result.Columns)
            {
                json.WriteStringValue(column);
            }

            json.WriteEndArray();
            json.WriteStartArray("rows");
            foreach (var row in result.FirstRows)
            {
                json.WriteStartArray();
                foreach (var value in row)
                {
                    json.WriteStringValue(value);
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteNumber("total_rows", result.TotalRows);
            json.WriteNumber("csv_rows", result.CsvRows);
            json.WriteString("csv", Encoding.UTF8.GetString(result.Csv.Span));
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
