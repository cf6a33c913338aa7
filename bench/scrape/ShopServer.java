import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Executors;

/**
 * The benchmark's synthetic shop on loopback: an index linking 300 products; each product page is
 * ~50 KB of HTML with a few images, and renders its title, price and 10 reviews by JavaScript 50 ms
 * after load. Run: java ShopServer.java PORT [PRODUCTS]
 */
public final class ShopServer {

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args.length > 0 ? args[0] : "8931");
        int products = Integer.parseInt(args.length > 1 ? args[1] : "300");
        byte[][] images = new byte[4][];
        for (int i = 0; i < images.length; i++) {
            images[i] = png(i);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            try {
                serve(exchange, products, images);
            } catch (RuntimeException e) {
                e.printStackTrace();
                reply(exchange, 500, "text/plain", String.valueOf(e).getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        System.out.println("shop listening on http://127.0.0.1:" + port + "/ with " + products + " products");
    }

    private static void serve(HttpExchange exchange, int products, byte[][] images) throws IOException {
        {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/")) {
                reply(exchange, 200, "text/html; charset=utf-8", index(products));
            } else if (path.matches("/product/\\d+")) {
                int id = Integer.parseInt(path.substring(9));
                if (id < 1 || id > products) {
                    reply(exchange, 404, "text/plain", "no such product".getBytes(StandardCharsets.UTF_8));
                } else {
                    reply(exchange, 200, "text/html; charset=utf-8", product(id));
                }
            } else if (path.matches("/img/\\d+\\.png")) {
                int n = Integer.parseInt(path.substring(5, path.length() - 4)) % images.length;
                reply(exchange, 200, "image/png", images[n]);
            } else {
                reply(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static byte[] index(int products) {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><title>Shop</title></head><body><h1>Shop</h1><ul>");
        for (int i = 1; i <= products; i++) {
            html.append("<li><a class=\"product-link\" href=\"/product/").append(i).append("\">Product ").append(i)
                    .append("</a></li>");
        }
        return html.append("</ul></body></html>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] product(int id) {
        StringBuilder html = new StringBuilder(52_000);
        html.append("<!doctype html><html><head><title>Product ").append(id).append("</title><style>")
                .append("body{font-family:sans-serif;margin:2em} .review{border-bottom:1px solid #ddd;padding:4px}")
                .append("</style></head><body><nav><a href=\"/\">Shop</a></nav>")
                .append("<div id=\"product\"></div>");
        for (int i = 0; i < 3; i++) {
            html.append("<img class=\"").append(i == 0 ? "hero" : "thumb").append("\" src=\"/img/").append((id + i) % 4)
                    .append(".png\" width=\"120\" height=\"120\" alt=\"\">");
        }
        html.append("<ul id=\"reviews\"></ul><section class=\"description\">");
        for (int p = 0; p < 4; p++) {
            html.append("<p>Sturdy, reliable and carefully made product ").append(id).append(". Lorem ipsum dolor sit")
                    .append(" amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.</p>");
        }
        html.append("<table class=\"specs\">");
        for (int r = 0; r < 20; r++) {
            html.append("<tr><th>Property ").append(r).append("</th><td>value ").append(r * id % 97).append("</td></tr>");
        }
        html.append("</table>");
        // Like most shop pages, the bulk of the ~50 KB is embedded state and markup, not visible text:
        // the rendered page is about two screens tall.
        html.append("<script type=\"application/json\" id=\"state\">{\"variants\":[");
        int variant = 0;
        while (html.length() < 48_000) {
            html.append(variant == 0 ? "" : ",").append("{\"sku\":\"P").append(id).append("-").append(variant)
                    .append("\",\"stock\":").append((id * 31 + variant) % 50).append(",\"colour\":\"shade ")
                    .append(variant % 12).append("\",\"note\":\"ships in 2-3 days from the central warehouse\"}");
            variant++;
        }
        html.append("]}</script>");
        html.append("</section><script>setTimeout(function(){")
                .append("document.getElementById('product').innerHTML='<h1>Product ").append(id)
                .append("</h1><span class=\"price\">").append(String.format(Locale.ROOT, "%.2f", 5 + id * 1.25))
                .append(" EUR</span>';var ul=document.getElementById('reviews');")
                .append("for(var i=1;i<=10;i++){var li=document.createElement('li');li.className='review';")
                .append("li.textContent='Review '+i+' of product ").append(id).append(": works as described.';")
                .append("ul.appendChild(li);}},50);</script></body></html>");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] png(int n) throws IOException {
        BufferedImage image = new BufferedImage(120, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(60 * n, 120, 200 - 40 * n));
        g.fillRect(0, 0, 120, 120);
        g.setColor(Color.WHITE);
        g.fillOval(20 + n * 5, 20, 60, 60);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
