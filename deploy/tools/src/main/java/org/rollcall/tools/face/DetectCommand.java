package org.rollcall.tools.face;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rollcall.face.EngineConfig;
import org.rollcall.face.Face;
import org.rollcall.face.FaceAnalysis;
import org.rollcall.face.FaceEngine;

/** detect IMAGE...: one JSON document per image. */
final class DetectCommand {
    private DetectCommand() {
    }

    static void run(EngineConfig config, String[] images) throws Exception {
        if (images.length == 0) {
            throw new IllegalArgumentException("detect needs at least one image");
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        try (FaceEngine engine = new FaceEngine(config)) {
            for (String image : images) {
                FaceAnalysis a = engine.analyze(Files.readAllBytes(FaceCli.path(image)),
                        new FaceEngine.Options(false, true));
                List<Map<String, Object>> faces = new ArrayList<>();
                for (Face f : a.faces()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    var b = f.detection().box();
                    m.put("box", Map.of("x", Math.round(b.x1()), "y", Math.round(b.y1()),
                            "width", Math.round(b.width()), "height", Math.round(b.height())));
                    m.put("score", round(f.detection().score()));
                    float[] p = f.landmarks().fivePoints();
                    List<List<Float>> five = new ArrayList<>();
                    for (int i = 0; i < 5; i++) {
                        five.add(List.of(round(p[2 * i]), round(p[2 * i + 1])));
                    }
                    m.put("landmarks", five);
                    m.put("liveness", round(f.liveness()));
                    var q = f.quality();
                    m.put("quality", Map.of("overall", round(q.overall()), "size", round(q.size()),
                            "sharpness", round(q.sharpness()), "pose", round(q.pose())));
                    faces.add(m);
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("image", image);
                doc.put("width", a.imageWidth());
                doc.put("height", a.imageHeight());
                doc.put("faces", faces);
                System.out.println(json.writeValueAsString(doc));
            }
        }
    }

    static float round(float v) {
        return Math.round(v * 1000) / 1000f;
    }
}
