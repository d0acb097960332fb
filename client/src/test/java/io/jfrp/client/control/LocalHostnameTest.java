package io.jfrp.client.control;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LocalHostnameTest {
    @TempDir
    Path dir;

    @Test
    void readsTheFirstLineTrimmed() throws Exception {
        Path file = Files.writeString(dir.resolve("hostname"), "build-7.example\nignored\n");
        assertThat(LocalHostname.read(file)).isEqualTo("build-7.example");
    }

    @Test
    void aMissingOrEmptyFileGivesEmpty() throws Exception {
        assertThat(LocalHostname.read(dir.resolve("absent"))).isEmpty();
        assertThat(LocalHostname.read(Files.writeString(dir.resolve("blank"), " \n"))).isEmpty();
    }

    @Test
    void aHostileFileIsBounded() throws Exception {
        Path file = Files.writeString(dir.resolve("long"), "h".repeat(100_000));
        assertThat(LocalHostname.read(file)).hasSize(255);
    }
}
