using System.Text.Encodings.Web;
using System.Text.Json;

namespace AnalyticsCenter.Demo;

/// <summary>
/// The texts users and agents write, by language, pre-encoded for <see cref="System.Text.Json.Utf8JsonWriter"/>.
/// An event refers to a text by its index; a few negative markers stand for texts made at render time.
/// </summary>
internal static class TextBank
{
    /// <summary>No text (the message's kind is not text).</summary>
    public const short None = -1;

    /// <summary>An e-mail address made from the user's number.</summary>
    public const short Email = -2;

    /// <summary>An order number made from the user's number.</summary>
    public const short OrderNumber = -3;

    /// <summary>The bot's prompt of the event's flow node.</summary>
    public const short BotPrompt = -4;

    private static readonly List<string> s_texts = [];

    /// <summary>First messages of an inbound visit, by <see cref="Language"/>.</summary>
    public static readonly short[][] First = ByLanguage(
        ["Hola", "Hola, quiero info", "Buenas tardes", "Hola, quisiera saber el precio", "Buen día, necesito ayuda con mi pedido",
         "Info", "¡Hola! Vi su anuncio", "Quiero comprar", "¿Tienen envíos a domicilio?", "Hola, ¿cuál es el horario de atención?",
         "Buenas noches, ¿siguen atendiendo?", "hola", "Necesito hablar con alguien"],
        ["Hi", "Hello, I'd like more info", "Hi, I need help with my order", "What are your prices?", "Do you ship to Canada?",
         "I saw your ad", "Hey", "hola", "Is anyone there?"],
        ["Olá", "Oi, quero saber mais", "Bom dia, preciso de ajuda", "Qual o preço?", "Vi o anúncio de vocês", "Oi"]);

    /// <summary>Short replies inside a flow.</summary>
    public static readonly short[][] Reply = ByLanguage(
        ["Sí", "No", "Ok", "Gracias", "Claro", "Me interesa", "¿Cuánto cuesta?", "1", "2", "3", "Perfecto", "No entiendo", "sii", "Dale"],
        ["Yes", "No", "Ok", "Thanks", "Sure", "How much?", "1", "2", "Great", "I don't understand"],
        ["Sim", "Não", "Ok", "Obrigado", "Quanto custa?", "1", "2", "Beleza"]);

    /// <summary>What users write to an agent.</summary>
    public static readonly short[][] ToAgent = ByLanguage(
        ["Mi pedido no ha llegado", "Necesito factura", "Ok, gracias", "¿Me pueden llamar?", "Ya hice el pago",
         "El link no funciona", "Gracias por la ayuda 🙌", "¿Cuánto tarda el envío?"],
        ["My order hasn't arrived", "I need an invoice", "Ok, thanks", "Can you call me?", "I already paid",
         "The link doesn't work", "Thanks for the help 🙌"],
        ["Meu pedido não chegou", "Preciso da nota fiscal", "Ok, obrigado", "Já fiz o pagamento"]);

    /// <summary>What agents write.</summary>
    public static readonly short[][] FromAgent = ByLanguage(
        ["Hola, te saluda un asesor, ¿en qué te ayudo?", "Déjame revisar tu caso", "Ya quedó solucionado ✅",
         "¿Hay algo más en lo que te pueda ayudar?", "Gracias por escribirnos", "Te envío la información por aquí",
         "Un momento por favor"],
        ["Hi, this is an agent, how can I help?", "Let me check your case", "It's fixed now ✅",
         "Is there anything else I can help with?", "Thanks for reaching out", "One moment please"],
        ["Olá, sou um atendente, como posso ajudar?", "Vou verificar seu caso", "Resolvido ✅", "Mais alguma coisa?"]);

    /// <summary>Replies to a campaign message.</summary>
    public static readonly short[][] CampaignReply = ByLanguage(
        ["Sí, me interesa", "Quiero el descuento", "¿Hasta cuándo es la promo?", "No gracias", "Info", "STOP", "Hola"],
        ["Yes please", "Interested", "How long is the promo?", "No thanks", "STOP"],
        ["Sim, tenho interesse", "Quero o desconto", "Não, obrigado"]);

    /// <summary>Names users give.</summary>
    public static readonly short[][] Name = ByLanguage(
        ["María", "Juan Pérez", "Camila", "Andrés", "Sofía Rodríguez", "Luis", "Valentina", "Carlos Gómez", "Ana", "José Luis Martínez"],
        ["John", "Emily Smith", "Michael", "Sarah Johnson", "Chris"],
        ["Pedro Silva", "Ana Souza", "Lucas", "Beatriz Oliveira"]);

    /// <summary>Cities users name.</summary>
    public static readonly short[][] City = ByLanguage(
        ["Bogotá", "Medellín", "Ciudad de México", "Guadalajara", "Monterrey", "Lima", "Quito", "Guayaquil", "Santiago",
         "Buenos Aires", "Madrid", "Ciudad de Guatemala", "Cali"],
        ["Miami", "New York", "Los Angeles", "Toronto", "Houston"],
        ["São Paulo", "Rio de Janeiro", "Belo Horizonte", "Curitiba"]);

    /// <summary>Answers to a rating request.</summary>
    public static readonly short[][] Rating = ByLanguage(["5", "5", "4", "5", "3", "1", "Excelente"], ["5", "5", "4", "3", "1"], ["5", "4", "5"]);

    private static readonly JsonEncodedText[] s_encoded = [.. s_texts.Select(t => JsonEncodedText.Encode(t, JavaScriptEncoder.UnsafeRelaxedJsonEscaping))];

    public static JsonEncodedText Get(short index) => s_encoded[index];

    public static short Pick(short[][] group, Language language, Rng rng)
    {
        var texts = group[(int)language];
        return texts[rng.Next(texts.Length)];
    }

    private static short[][] ByLanguage(string[] spanish, string[] english, string[] portuguese) =>
        [Register(spanish), Register(english), Register(portuguese)];

    private static short[] Register(string[] texts)
    {
        var indexes = new short[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            indexes[i] = (short)s_texts.Count;
            s_texts.Add(texts[i]);
        }

        return indexes;
    }
}
