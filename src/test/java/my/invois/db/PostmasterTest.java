package my.invois.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostmasterTest {

    @TempDir
    Path directory;

    private Postmaster.Kind kind(String command, List<String> arguments, Path workingDirectory) {
        return Postmaster.kind(Optional.ofNullable(command), Optional.ofNullable(arguments), Optional.ofNullable(workingDirectory), directory);
    }

    @Test
    void a_postgres_serving_this_directory_is_ours_with_an_absolute_or_a_relative_path() {
        assertThat(kind("/opt/pg/bin/postgres", List.of("-D", directory.toString(), "-p", "5432"), null)).isEqualTo(Postmaster.Kind.OURS);
        assertThat(kind("/opt/pg/bin/postgres", List.of("-D", directory.getFileName().toString()), directory.getParent()))
                .isEqualTo(Postmaster.Kind.OURS);
    }

    @Test
    void a_reused_pid_of_another_program_or_of_a_postgres_on_another_directory_is_stale() throws Exception {
        Path other = Files.createDirectory(directory.resolve("other"));
        assertThat(kind("/usr/bin/bash", List.of("-D", directory.toString()), null)).isEqualTo(Postmaster.Kind.STALE);
        assertThat(kind("/opt/pg/bin/postgres", List.of("-D", other.toString()), null)).isEqualTo(Postmaster.Kind.STALE);
    }

    @Test
    void a_process_whose_command_line_cannot_be_read_is_never_taken_for_stale() {
        assertThat(kind(null, null, null)).isEqualTo(Postmaster.Kind.UNKNOWN);
        assertThat(kind("/opt/pg/bin/postgres", List.of("-p", "5432"), null)).isEqualTo(Postmaster.Kind.UNKNOWN);
        assertThat(kind("/opt/pg/bin/postgres", List.of("-D", "data/postgres"), null)).isEqualTo(Postmaster.Kind.UNKNOWN);
    }

    @Test
    void a_pid_file_naming_a_process_that_is_gone_or_not_postgres_is_stale_and_no_file_is_nothing() throws Exception {
        assertThat(Postmaster.of(directory)).isEmpty();
        Files.writeString(directory.resolve(Postmaster.PID_FILE), "not a pid\n");
        assertThat(Postmaster.of(directory)).map(Postmaster::kind).contains(Postmaster.Kind.STALE);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(directory.resolve(Postmaster.PID_FILE), gone.pid() + "\n" + directory + "\n");
        assertThat(Postmaster.of(directory)).map(Postmaster::kind).contains(Postmaster.Kind.STALE);
        Files.writeString(directory.resolve(Postmaster.PID_FILE), ProcessHandle.current().pid() + "\n" + directory + "\n");
        assertThat(Postmaster.of(directory)).as("this live java process").map(Postmaster::kind).contains(Postmaster.Kind.STALE);
    }
}
