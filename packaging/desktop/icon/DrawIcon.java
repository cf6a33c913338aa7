import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Draws the Data Factory application icon (a sawtooth-roof factory whose windows are data rows)
 * so that it can be regenerated without an image editor:
 * {@code java -Djava.awt.headless=true packaging/desktop/icon/DrawIcon.java packaging/desktop/icon/data-factory.png}
 */
public final class DrawIcon {

    private static final int SIZE = 256;

    public static void main(String[] args) throws IOException {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);

        g.setPaint(new GradientPaint(0, 0, new Color(0x1E3A8A), 0, SIZE, new Color(0x0F172A)));
        g.fill(new RoundRectangle2D.Double(8, 8, SIZE - 16, SIZE - 16, 56, 56));

        // Chimney with a puff of "data".
        g.setColor(new Color(0xE2E8F0));
        g.fillRect(178, 52, 26, 80);
        g.setColor(new Color(0xF59E0B));
        g.fillOval(184, 30, 14, 14);
        g.fillOval(200, 18, 10, 10);

        // Sawtooth roof and body.
        Path2D factory = new Path2D.Double();
        factory.moveTo(40, 210);
        factory.lineTo(40, 120);
        factory.lineTo(86, 92);
        factory.lineTo(86, 120);
        factory.lineTo(132, 92);
        factory.lineTo(132, 120);
        factory.lineTo(178, 92);
        factory.lineTo(216, 120);
        factory.lineTo(216, 210);
        factory.closePath();
        g.setColor(new Color(0xE2E8F0));
        g.fill(factory);

        // Windows as rows of extracted items.
        g.setStroke(new BasicStroke(10, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        int[] lengths = {120, 92, 140};
        for (int row = 0; row < lengths.length; row++) {
            int y = 146 + row * 22;
            g.setColor(new Color(0xF59E0B));
            g.drawLine(62, y, 66, y);
            g.setColor(new Color(0x1E3A8A));
            g.drawLine(82, y, 62 + lengths[row], y);
        }
        g.dispose();

        File out = new File(args.length > 0 ? args[0] : "data-factory.png");
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer available for " + out);
        }
    }
}
