// Runs a command once and prints its wall time in seconds and its peak resident set in KiB:
//   winback_measure [--out FILE] COMMAND ARGS...     (stdout of COMMAND goes to FILE, default /dev/null)
// The exit status is the command's, so a failing run is not timed as a success.

#include <cstdio>
#include <cstring>
#include <ctime>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char** argv) {
    int first = 1;
    const char* out = "/dev/null";
    if (argc > 2 && std::strcmp(argv[1], "--out") == 0) {
        out = argv[2];
        first = 3;
    }
    if (first >= argc) {
        std::fprintf(stderr, "usage: %s [--out FILE] COMMAND ARGS...\n", argv[0]);
        return 2;
    }
    timespec start{};
    timespec end{};
    clock_gettime(CLOCK_MONOTONIC, &start);
    const pid_t pid = fork();
    if (pid == 0) {
        const int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd < 0 || dup2(fd, 1) < 0) _exit(127);
        execvp(argv[first], argv + first);
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    if (pid < 0 || wait4(pid, &status, 0, &usage) < 0) return 127;
    clock_gettime(CLOCK_MONOTONIC, &end);
    const double wall = static_cast<double>(end.tv_sec - start.tv_sec) + static_cast<double>(end.tv_nsec - start.tv_nsec) / 1e9;
    std::printf("%.6f %ld\n", wall, usage.ru_maxrss);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}
