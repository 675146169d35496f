package io.trailsentry.job;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The product version written into findings, from the build. */
public final class Version {
    private Version() {}

    public static String get() {
        try (InputStream in =
                Version.class.getResourceAsStream("/trailsentry-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
