/* qemu_exec.c — a stand-in for an arm64 program, built for this machine:
 * DIR/qemu/NAME runs DIR/NAME under qemu-user. The tests that start the
 * kiosk as a process run "$KIOSK_BUILD/kiosk"; with KIOSK_BUILD set to
 * build-arm64/qemu they start the arm64 kiosk the same way (system, popen,
 * exec, kill by pid) where binfmt_misc is not mounted.
 *
 * It replaces itself with qemu (execvp, so the process id is the kiosk's)
 * and is linked statically: no dynamic loader of this machine runs, so
 * LD_TRACE_LOADED_OBJECTS reaches the arm64 loader, which lists the
 * kiosk's libraries as ldd would on the device. The emulator is $KIOSK_QEMU
 * (default qemu-aarch64-static); the arm64 root is $QEMU_LD_PREFIX, which
 * qemu reads itself. Exit status 127 when qemu cannot be started. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) {
        perror("qemu_exec: /proc/self/exe");
        return 127;
    }
    self[n] = '\0';
    /* DIR/qemu/NAME -> DIR/NAME */
    char *name = strrchr(self, '/');
    if (!name || name == self) {
        fprintf(stderr, "qemu_exec: %s: not in a directory\n", self);
        return 127;
    }
    *name++ = '\0';
    char *dir_end = strrchr(self, '/');
    if (!dir_end) {
        fprintf(stderr, "qemu_exec: %s: no directory above\n", self);
        return 127;
    }
    *dir_end = '\0';
    char target[PATH_MAX];
    if (snprintf(target, sizeof target, "%s/%s", self, name) >= (int)sizeof target) {
        fprintf(stderr, "qemu_exec: path too long\n");
        return 127;
    }
    const char *qemu = getenv("KIOSK_QEMU");
    if (!qemu || !*qemu)
        qemu = "qemu-aarch64-static";
    char **args = calloc((size_t)argc + 3, sizeof *args);
    if (!args) {
        perror("qemu_exec");
        return 127;
    }
    args[0] = (char *)qemu;
    args[1] = target;
    for (int i = 1; i < argc; i++)
        args[i + 1] = argv[i];
    execvp(qemu, args);
    fprintf(stderr, "qemu_exec: cannot run %s: ", qemu);
    perror(NULL);
    free(args);
    return 127;
}
