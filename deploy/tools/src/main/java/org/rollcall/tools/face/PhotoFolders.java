package org.rollcall.tools.face;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * How the face commands read a folder of labelled photos: identity folders and photos sorted by
 * name, photos judged by content (whatever their extension), but hidden files and notes beside
 * the photos ({@code *.md}, {@code *.txt}, such as a SOURCES.md) are not photos.
 */
final class PhotoFolders {
    private PhotoFolders() {
    }

    /** The identity folders of {@code dir}, by name. */
    static List<Path> identities(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(p -> !hidden(p)).sorted().toList();
        }
    }

    /** The photos directly in {@code folder}, by name. */
    static List<Path> photos(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(PhotoFolders::isPhoto).sorted().toList();
        }
    }

    /** The photos in {@code folder} and its sub-folders (links followed), by path. */
    static List<Path> photosUnder(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder, FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(PhotoFolders::isPhoto).sorted().toList();
        }
    }

    private static boolean isPhoto(Path p) {
        return Files.isRegularFile(p) && !hidden(p) && !p.getFileName().toString().matches("(?i).*\\.(md|txt)$");
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }
}
