namespace AnalyticsCenter.Demo;

/// <summary>The flows every workspace runs. Drop-off differs by node, so grouping sessions by last node is telling.</summary>
internal static class FlowCatalog
{
    public const int Welcome = 0;
    public const int Sales = 1;
    public const int Support = 2;
    public const int Promo = 3;
    public const int Survey = 4;
    public const int Billing = 5;

    public static IReadOnlyList<Flow> All { get; } =
    [
        new Flow("conv_welcome", 3, 2, 0.4,
            new FlowNode("n_welcome", "¡Hola! 👋 Bienvenido. ¿En qué te podemos ayudar?", "Hi! 👋 Welcome. How can we help you?",
                MessageKind.Text, ReplyStyle.Free, 0.93),
            new FlowNode("n_menu", "Elige una opción: 1) Comprar 2) Soporte 3) Hablar con un asesor", "Choose an option: 1) Buy 2) Support 3) Talk to an agent",
                MessageKind.Interactive, ReplyStyle.Interactive, 0.86)
            {
                RedirectTo = [Sales, Sales, Support],
                RedirectChance = 0.3,
                Handoff = 0.06,
            },
            new FlowNode("n_ask_name", "¿Cómo te llamas?", "What's your name?", MessageKind.Text, ReplyStyle.Name, 0.88),
            new FlowNode("n_ask_email", "¿Cuál es tu correo electrónico?", "What's your e-mail address?", MessageKind.Text, ReplyStyle.Email, 0.7),
            new FlowNode("n_ask_city", "¿Desde qué ciudad nos escribes?", "Which city are you writing from?", MessageKind.Text, ReplyStyle.City, 0.86),
            new FlowNode("n_confirm", "¡Gracias! ¿Quieres recibir nuestras ofertas?", "Thanks! Would you like to get our offers?",
                MessageKind.Interactive, ReplyStyle.Button, 0.9)
            {
                RedirectTo = [Support],
                RedirectChance = 0.08,
            },
            new FlowNode("n_goodbye", "¡Listo! Que tengas un gran día.", "All set! Have a great day.",
                MessageKind.Text, ReplyStyle.Free, 1.0) { Rating = 0.25 }),
        new Flow("conv_sales", 7, 7, 0,
            new FlowNode("n_catalog", "Estos son nuestros productos destacados", "Here are our featured products", MessageKind.Image, ReplyStyle.Free, 0.84),
            new FlowNode("n_product_detail", "Te cuento más de este producto. ¿Quieres una cotización?", "Here's more about this product. Want a quote?",
                MessageKind.Interactive, ReplyStyle.Button, 0.76),
            new FlowNode("n_quote", "Tu cotización está lista", "Your quote is ready", MessageKind.Document, ReplyStyle.Free, 0.66) { Handoff = 0.18 },
            new FlowNode("n_ask_email", "¿A qué correo te enviamos la cotización?", "Which e-mail should we send the quote to?",
                MessageKind.Text, ReplyStyle.Email, 0.78),
            new FlowNode("n_payment_link", "Aquí tienes el link de pago: https://pay.example.com/l/abc",
                "Here's your payment link: https://pay.example.com/l/abc", MessageKind.Text, ReplyStyle.Free, 0.58),
            new FlowNode("n_order_confirmed", "¡Pedido confirmado! 🎉", "Order confirmed! 🎉", MessageKind.Text, ReplyStyle.Free, 1.0) { Rating = 0.35 }),
        new Flow("conv_support", 2, 2, 0,
            new FlowNode("n_menu", "¿Con qué necesitas ayuda? 1) Estado de mi pedido 2) Facturación 3) Otro",
                "What do you need help with? 1) Order status 2) Billing 3) Other", MessageKind.Interactive, ReplyStyle.Interactive, 0.9) { Handoff = 0.1 },
            new FlowNode("n_ask_order_id", "Escribe tu número de pedido", "Type your order number", MessageKind.Text, ReplyStyle.OrderNumber, 0.8),
            new FlowNode("n_order_status", "Tu pedido está en camino 🚚", "Your order is on its way 🚚", MessageKind.Text, ReplyStyle.Free, 0.62),
            new FlowNode("n_faq", "¿Te sirvió esta respuesta?", "Did this answer help?", MessageKind.Interactive, ReplyStyle.Button, 0.7) { Handoff = 0.35 },
            new FlowNode("n_handoff", "Te comunico con un asesor", "Connecting you with an agent", MessageKind.Text, ReplyStyle.Free, 1.0) { Handoff = 1.0 }),
        new Flow("conv_promo", 2, 1, 0.25,
            new FlowNode("n_offer", "Tenemos 30% de descuento solo por hoy. ¿Te interesa?", "30% off, today only. Interested?",
                MessageKind.Interactive, ReplyStyle.Button, 0.8),
            new FlowNode("n_interested", "¡Genial! ¿Qué producto te interesa?", "Great! Which product are you interested in?",
                MessageKind.Text, ReplyStyle.Free, 0.74)
            {
                RedirectTo = [Sales],
                RedirectChance = 0.25,
            },
            new FlowNode("n_ask_email", "Déjanos tu correo para enviarte el cupón", "Leave us your e-mail for the coupon",
                MessageKind.Text, ReplyStyle.Email, 0.7),
            new FlowNode("n_coupon_sent", "Tu cupón es PROMO30 ✅", "Your coupon is PROMO30 ✅", MessageKind.Text, ReplyStyle.Free, 1.0) { Rating = 0.1 }),
        new Flow("conv_survey", 1, 1, 0,
            new FlowNode("n_q1", "Del 1 al 5, ¿qué tan satisfecho estás?", "From 1 to 5, how satisfied are you?",
                MessageKind.Interactive, ReplyStyle.Rating, 0.85),
            new FlowNode("n_q2", "¿Nos recomendarías?", "Would you recommend us?", MessageKind.Interactive, ReplyStyle.Button, 0.8),
            new FlowNode("n_q3", "¿Algún comentario?", "Any comments?", MessageKind.Text, ReplyStyle.Free, 0.6),
            new FlowNode("n_thanks", "¡Gracias por tu opinión!", "Thanks for your feedback!", MessageKind.Text, ReplyStyle.Free, 1.0)),
        new Flow("conv_billing", 1, 1, 0,
            new FlowNode("n_reminder", "Tu factura vence pronto. ¿Quieres pagar ahora?", "Your bill is due soon. Pay now?",
                MessageKind.Interactive, ReplyStyle.Button, 0.75),
            new FlowNode("n_payment_link", "Aquí tienes el link de pago", "Here's your payment link",
                MessageKind.Text, ReplyStyle.Free, 0.55) { Handoff = 0.12 },
            new FlowNode("n_paid", "¡Pago recibido, gracias!", "Payment received, thanks!", MessageKind.Text, ReplyStyle.Free, 1.0)),
    ];
}
