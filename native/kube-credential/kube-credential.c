/*
 * kubectl's credential helper for AKS Access Console, as a small native executable (Linux).
 *
 * It speaks exactly what the Node helper speaks (src-main/services/kubectl-credentials/helper-client.ts):
 * the same arguments, the same channel location, the same owner-only checks of the runtime folder,
 * launch secret and socket before the secret is read, the same one-line request. It asks the console
 * to answer a success with the finished ExecCredential line (`"reply"` in the request), so it copies
 * bytes instead of parsing JSON. Every failure is one line on stderr and exit status 1; it never
 * prompts and never waits longer than its timeout. The token is written to stdout and nowhere else.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#ifndef __linux__
#error "The native helper is Linux only; Windows and macOS builds keep the app binary's --kube-credential switch."
#endif

#define MAX_LINE_BYTES (16 * 1024)
#define SECRET_HEX 64
#define PATH_BYTES 4096
#define DEFAULT_TIMEOUT_MS 8000
#define EXEC_V1 "client.authentication.k8s.io/v1"
#define EXEC_V1BETA1 "client.authentication.k8s.io/v1beta1"
#define USAGE "usage: --kube-credential --cluster <AKS resource id> [--context <name>]"
#define NOT_RUNNING "AKS Access Console is not running (no credential channel); start it, sign in, and run kubectl again."
#define GONE "AKS Access Console is not running (its credential channel is gone); start it, sign in, and run kubectl again."

struct args {
  const char *cluster;
  const char *context;
  const char *runtime_dir;
  const char *claims;
};

struct location {
  char dir[PATH_BYTES];
  char socket[PATH_BYTES];
  char secret[PATH_BYTES];
};

enum kind { KIND_FOLDER, KIND_SOCKET, KIND_FILE };

/* Prints the one actionable line kubectl shows, and fails. */
static int fail(const char *format, ...) {
  char line[1024];
  va_list list;
  va_start(list, format);
  vsnprintf(line, sizeof line, format, list);
  va_end(list);
  fprintf(stderr, "aks-console-credential: %s\n", line);
  return 1;
}

static long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int parse_args(int argc, char **argv, struct args *out) {
  memset(out, 0, sizeof *out);
  for (int i = 1; i < argc; i++) {
    const char *flag = argv[i];
    if (strcmp(flag, "--kube-credential") == 0) continue;
    const char **slot = strcmp(flag, "--cluster") == 0       ? &out->cluster
                        : strcmp(flag, "--context") == 0     ? &out->context
                        : strcmp(flag, "--runtime-dir") == 0 ? &out->runtime_dir
                        : strcmp(flag, "--claims") == 0      ? &out->claims
                                                             : NULL;
    if (slot == NULL || i + 1 >= argc) return fail("unknown argument %.200s; " USAGE, flag);
    *slot = argv[++i];
  }
  if (out->cluster == NULL || out->cluster[0] == '\0') return fail("--cluster is required; " USAGE);
  if (out->context != NULL && out->context[0] == '\0') out->context = NULL;
  if (out->claims != NULL && out->claims[0] == '\0') out->claims = NULL;
  return 0;
}

/* Node's os.tmpdir() on POSIX: TMPDIR, TMP, TEMP or /tmp, without a trailing slash. */
static void node_tmpdir(char *out, size_t size) {
  const char *names[] = {"TMPDIR", "TMP", "TEMP"};
  const char *value = NULL;
  for (size_t i = 0; i < 3 && (value == NULL || value[0] == '\0'); i++) value = getenv(names[i]);
  snprintf(out, size, "%s", value != NULL && value[0] != '\0' ? value : "/tmp");
  size_t length = strlen(out);
  if (length > 1 && out[length - 1] == '/') out[length - 1] = '\0';
}

/* The console's location rules (channel-location.ts): --runtime-dir, $XDG_RUNTIME_DIR/aks-console, <tmp>/aks-console-<uid>. */
static int locate(const struct args *args, struct location *out) {
  const char *xdg = getenv("XDG_RUNTIME_DIR");
  int written;
  if (args->runtime_dir != NULL) {
    written = snprintf(out->dir, sizeof out->dir, "%s", args->runtime_dir);
  } else if (xdg != NULL && xdg[0] == '/') {
    written = snprintf(out->dir, sizeof out->dir, "%s/aks-console", xdg);
  } else {
    char tmp[PATH_BYTES];
    node_tmpdir(tmp, sizeof tmp);
    written = snprintf(out->dir, sizeof out->dir, "%s/aks-console-%u", tmp, (unsigned)getuid());
  }
  if (written < 0 || (size_t)written >= sizeof out->dir - 32) return fail("the runtime folder's path is too long");
  size_t length = strlen(out->dir);
  while (length > 1 && out->dir[length - 1] == '/') out->dir[--length] = '\0';
  snprintf(out->socket, sizeof out->socket, "%s/kubectl.sock", out->dir);
  snprintf(out->secret, sizeof out->secret, "%s/kubectl.secret", out->dir);
  return 0;
}

static const char *kind_name(enum kind kind) { return kind == KIND_FOLDER ? "folder" : kind == KIND_SOCKET ? "socket" : "file"; }

static const char *errno_code(int error) {
  switch (error) {
    case EACCES: return "EACCES";
    case ENOTDIR: return "ENOTDIR";
    case ELOOP: return "ELOOP";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case EPERM: return "EPERM";
    default: return "error";
  }
}

/* The same refusals as channel-guard.ts: right kind (never a symlink), owned by us, no group/other bits. 2 = absent. */
static int check_stat(const char *entry, const struct stat *st, enum kind kind) {
  int right = kind == KIND_FOLDER ? S_ISDIR(st->st_mode) : kind == KIND_SOCKET ? S_ISSOCK(st->st_mode) : S_ISREG(st->st_mode);
  if (!right) return fail("%s is not a %s (a symlink or another kind of file); refusing to use it", entry, kind_name(kind));
  if (st->st_uid != getuid()) return fail("%s is owned by uid %u, not by you (uid %u); refusing to use it", entry, (unsigned)st->st_uid, (unsigned)getuid());
  if ((st->st_mode & 077) != 0) return fail("%s has mode 0%o; it must be %s (owner only)", entry, (unsigned)(st->st_mode & 0777), kind == KIND_FOLDER ? "0700" : "0600");
  return 0;
}

static int assert_private(const char *entry, enum kind kind) {
  struct stat st;
  if (lstat(entry, &st) != 0) {
    if (errno == ENOENT) return 2;
    return fail("%s cannot be inspected (%s)", entry, errno_code(errno));
  }
  return check_stat(entry, &st, kind);
}

/* Reads the launch secret after the folder, file and socket checks; the open file is checked again (no swap in between). */
static int read_secret(const struct location *where, char secret[SECRET_HEX + 1]) {
  int status;
  if ((status = assert_private(where->dir, KIND_FOLDER)) != 0) return status;
  if ((status = assert_private(where->secret, KIND_FILE)) != 0) return status;
  if ((status = assert_private(where->socket, KIND_SOCKET)) != 0) return status;
  int fd = open(where->secret, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return errno == ENOENT ? 2 : fail("%s cannot be read (%s)", where->secret, errno_code(errno));
  struct stat st;
  char text[SECRET_HEX * 2 + 1];
  ssize_t got = -1;
  if (fstat(fd, &st) != 0) status = fail("%s cannot be inspected (%s)", where->secret, errno_code(errno));
  else if ((status = check_stat(where->secret, &st, KIND_FILE)) == 0) got = read(fd, text, sizeof text - 1);
  close(fd);
  if (status != 0) return status;
  if (got < 0) return fail("%s cannot be read (%s)", where->secret, errno_code(errno));
  size_t start = 0, end = (size_t)got;
  while (start < end && strchr(" \t\r\n\v\f", text[start]) != NULL) start++;
  while (end > start && strchr(" \t\r\n\v\f", text[end - 1]) != NULL) end--;
  int valid = end - start == SECRET_HEX;
  for (size_t i = start; valid && i < end; i++) valid = (text[i] >= '0' && text[i] <= '9') || (text[i] >= 'a' && text[i] <= 'f');
  if (!valid) return fail("%s does not hold a launch secret", where->secret);
  memcpy(secret, text + start, SECRET_HEX);
  secret[SECRET_HEX] = '\0';
  return 0;
}

/* Appends bytes to a bounded buffer; 0 when they do not fit. */
static int put(char *buffer, size_t size, size_t *used, const char *bytes, size_t length) {
  if (length >= size - *used) return 0;
  memcpy(buffer + *used, bytes, length);
  *used += length;
  buffer[*used] = '\0';
  return 1;
}

/* Appends a JSON string literal (quotes, backslashes and control characters escaped; UTF-8 bytes kept). */
static int put_json_string(char *buffer, size_t size, size_t *used, const char *value) {
  if (!put(buffer, size, used, "\"", 1)) return 0;
  for (const unsigned char *c = (const unsigned char *)value; *c != '\0'; c++) {
    char escaped[8];
    if (*c == '"' || *c == '\\') snprintf(escaped, sizeof escaped, "\\%c", *c);
    else if (*c < 0x20 || *c == 0x7f) snprintf(escaped, sizeof escaped, "\\u%04x", *c);
    else snprintf(escaped, sizeof escaped, "%c", *c);
    if (!put(buffer, size, used, escaped, strlen(escaped))) return 0;
  }
  return put(buffer, size, used, "\"", 1);
}

static int build_request(const struct args *args, const char *secret, const char *reply, char *line, size_t size) {
  size_t used = 0;
  char caller[96];
  snprintf(caller, sizeof caller, ",\"caller\":{\"pid\":%ld,\"ppid\":%ld},\"reply\":", (long)getpid(), (long)getppid());
  int ok = put(line, size, &used, "{\"v\":1,\"secret\":\"", 17) && put(line, size, &used, secret, SECRET_HEX) && put(line, size, &used, "\",\"clusterId\":", 14) &&
           put_json_string(line, size, &used, args->cluster);
  if (ok && args->context != NULL) ok = put(line, size, &used, ",\"context\":", 11) && put_json_string(line, size, &used, args->context);
  if (ok && args->claims != NULL) ok = put(line, size, &used, ",\"claims\":", 10) && put_json_string(line, size, &used, args->claims);
  ok = ok && put(line, size, &used, caller, strlen(caller)) && put_json_string(line, size, &used, reply) && put(line, size, &used, "}\n", 2);
  if (!ok) return fail("the request is too large (a cluster id, context or claims value is too long)");
  return 0;
}

/* Waits for one event on fd until the deadline; 0 ready, 1 timed out. */
static int wait_for(int fd, short events, long deadline) {
  for (;;) {
    long left = deadline - now_ms();
    if (left <= 0) return 1;
    struct pollfd p = {.fd = fd, .events = events, .revents = 0};
    int n = poll(&p, 1, (int)left);
    if (n > 0) return 0;
    if (n == 0) return 1;
    if (errno != EINTR) return 0;
  }
}

static int timed_out(long timeout_ms) { return fail("the console did not answer within %ld s", (timeout_ms + 500) / 1000); }

/* Connects, checks the listener runs as our uid, sends the request and reads the answer until the console closes. */
static int exchange(const char *endpoint, const char *line, char *answer, size_t size, size_t *length, long timeout_ms) {
  long deadline = now_ms() + timeout_ms;
  struct sockaddr_un address = {.sun_family = AF_UNIX};
  if (strlen(endpoint) >= sizeof address.sun_path) return fail("%s is too long a socket path; pass a shorter --runtime-dir", endpoint);
  memcpy(address.sun_path, endpoint, strlen(endpoint) + 1);
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return fail("cannot create a socket (%s)", strerror(errno));
  int status = 0;
  if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
    if (errno == ENOENT || errno == ECONNREFUSED) status = fail(GONE);
    else if (errno != EINPROGRESS && errno != EAGAIN) status = fail("%s", strerror(errno));
    else if (wait_for(fd, POLLOUT, deadline)) status = timed_out(timeout_ms);
  }
  if (status == 0) {
    struct ucred peer;
    socklen_t peer_size = sizeof peer;
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &peer_size) != 0) status = errno == ENOTCONN || errno == ECONNREFUSED ? fail(GONE) : fail("%s", strerror(errno));
    else if (peer.uid != getuid()) status = fail("%s is served by uid %u, not by you (uid %u); refusing to use it", endpoint, (unsigned)peer.uid, (unsigned)getuid());
  }
  for (size_t sent = 0, total = strlen(line); status == 0 && sent < total;) {
    ssize_t n = send(fd, line + sent, total - sent, MSG_NOSIGNAL);
    if (n > 0) sent += (size_t)n;
    else if (n < 0 && (errno == EAGAIN || errno == EINTR)) { if (wait_for(fd, POLLOUT, deadline)) status = timed_out(timeout_ms); }
    else status = errno == ECONNREFUSED || errno == ENOENT ? fail(GONE) : fail("%s", strerror(errno));
  }
  *length = 0;
  while (status == 0) {
    if (wait_for(fd, POLLIN, deadline)) { status = timed_out(timeout_ms); break; }
    ssize_t n = recv(fd, answer + *length, size - 1 - *length, 0);
    if (n == 0) break;
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n < 0) { status = fail("%s", strerror(errno)); break; }
    *length += (size_t)n;
    if (*length >= size - 1) { status = fail("answer too large"); break; }
  }
  close(fd);
  answer[*length] = '\0';
  return status;
}

/* Copies a JSON string value's text (after `"key":"`), unescaped, whitespace runs made one space; 0 if absent or malformed. */
static int json_string_field(const char *json, const char *key, char *out, size_t size) {
  char pattern[32];
  snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
  const char *c = strstr(json, pattern);
  if (c == NULL) return 0;
  size_t used = 0;
  int space = 0;
  for (c += strlen(pattern); *c != '"'; c++) {
    char byte = *c;
    if (byte == '\0') return 0;
    if (byte == '\\') {
      c++;
      if (*c == '\0') return 0;
      if (*c == 'u') {
        for (int i = 1; i <= 4; i++) if (c[i] == '\0') return 0;
        c += 4;
        byte = '?';
      } else byte = *c == 'n' || *c == 't' || *c == 'r' || *c == 'b' || *c == 'f' ? ' ' : *c;
    }
    if ((unsigned char)byte < 0x20 || byte == ' ' || byte == 0x7f) {
      if (space || used == 0) continue;
      space = 1;
      byte = ' ';
    } else space = 0;
    if (used + 1 < size) out[used++] = byte;
  }
  while (used > 0 && out[used - 1] == ' ') used--;
  out[used] = '\0';
  return 1;
}

/* A success is the ExecCredential line itself (printable ASCII, one object); a refusal is {"ok":false,...}. */
static int answer_to_kubectl(char *answer, size_t length, const char *reply) {
  while (length > 0 && strchr(" \t\r\n", answer[length - 1]) != NULL) answer[--length] = '\0';
  char prefix[128];
  snprintf(prefix, sizeof prefix, "{\"apiVersion\":\"%s\",\"kind\":\"ExecCredential\",", reply);
  if (length > strlen(prefix) && strncmp(answer, prefix, strlen(prefix)) == 0 && answer[length - 1] == '}' && strstr(answer, "\"token\":\"") != NULL &&
      strstr(answer, "\"expirationTimestamp\":\"") != NULL) {
    int printable = 1;
    for (size_t i = 0; printable && i < length; i++) printable = answer[i] >= 0x20 && answer[i] < 0x7f;
    if (printable) {
      answer[length] = '\n';
      size_t done = 0;
      while (done < length + 1) {
        ssize_t n = write(STDOUT_FILENO, answer + done, length + 1 - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return fail("cannot write the credential to kubectl (%s)", strerror(errno));
        done += (size_t)n;
      }
      return 0;
    }
  }
  char message[601];
  char code[81];
  if (strncmp(answer, "{\"ok\":false,", 12) == 0 && answer[length - 1] == '}' && json_string_field(answer, "code", code, sizeof code) &&
      json_string_field(answer, "message", message, sizeof message)) {
    return fail("%s", message);
  }
  return fail("the console sent an answer the helper cannot read; update or restart the console.");
}

/* kubectl says which exec API it speaks in KUBERNETES_EXEC_INFO; anything but v1beta1 gets v1. */
static const char *exec_api_version(void) {
  const char *info = getenv("KUBERNETES_EXEC_INFO");
  return info != NULL && strstr(info, "\"apiVersion\":\"" EXEC_V1BETA1 "\"") != NULL ? EXEC_V1BETA1 : EXEC_V1;
}

/* A test knob for the answer timeout (AKS_CONSOLE_HELPER_TIMEOUT_MS, 100..60000); 8 s otherwise. */
static long timeout_ms(void) {
  const char *text = getenv("AKS_CONSOLE_HELPER_TIMEOUT_MS");
  if (text == NULL) return DEFAULT_TIMEOUT_MS;
  char *end = NULL;
  long value = strtol(text, &end, 10);
  return end != text && *end == '\0' && value >= 100 && value <= 60000 ? value : DEFAULT_TIMEOUT_MS;
}

int main(int argc, char **argv) {
  static char line[MAX_LINE_BYTES + 1];
  static char answer[MAX_LINE_BYTES + 2];
  struct args args;
  struct location where;
  char secret[SECRET_HEX + 1];
  size_t length = 0;
  int status;
  if (parse_args(argc, argv, &args) != 0 || locate(&args, &where) != 0) return 1;
  if ((status = read_secret(&where, secret)) != 0) return status == 2 ? fail(NOT_RUNNING) : 1;
  const char *reply = exec_api_version();
  status = build_request(&args, secret, reply, line, sizeof line) || exchange(where.socket, line, answer, sizeof answer, &length, timeout_ms());
  explicit_bzero(secret, sizeof secret);
  explicit_bzero(line, sizeof line);
  if (status != 0) return 1;
  status = answer_to_kubectl(answer, length, reply);
  explicit_bzero(answer, sizeof answer);
  return status;
}
