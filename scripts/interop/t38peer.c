/*
 * t38peer - a T.38 fax terminal over UDPTL/UDP, for interop tests of t37gw.
 *
 * Uses spandsp 0.0.6 (Debian libspandsp-dev) as a library: its T.38 terminal and T.30 engine do the fax;
 * this program only does the UDPTL framing (T.38 Annex), the UDP socket, the clock and the result line.
 *
 *   t38peer send FILE.tif LOCAL_PORT REMOTE_HOST REMOTE_PORT [options]
 *   t38peer receive OUT.tif LOCAL_PORT REMOTE_HOST REMOTE_PORT [options]
 *
 * Options:
 *   --ecm              offer ECM (and T.6, which two ECM ends then pick)
 *   --time-scale N     run fax time N times faster than wall time (both ends must use the same N)
 *   --loss PCT         drop PCT percent of the datagrams we send (after copies), seeded by --seed
 *   --seed S           seed of the loss generator (default 1)
 *   --redundancy N     secondary IFPs per UDPTL packet, newest first (default 3, 0 for none)
 *   --version V        T.38 version 0..3 (default 0)
 *   --ident ID         our T.30 ident (TSI/CSI)
 *   --modems LIST      v27,v29,v17 (default all)
 *   --timeout SEC      give up after SEC seconds of wall time (default 120)
 *   --local-host ADDR  address to bind (default 127.0.0.1)
 *   --verbose          spandsp's T.30/T.38 logging on stderr
 *
 * Prints one JSON line on stdout, e.g.
 *   {"status":"ok","role":"send","t30_result":0,"t30_text":"OK","pages":1,"bit_rate":14400,"ecm":false,
 *    "remote_ident":"T38PEER RECV","udptl":{"tx":412,"tx_dropped":0,"rx":398,"rx_recovered":0,
 *    "rx_lost":0,"rx_duplicate":40,"rx_malformed":0}}
 * Exit status: 0 when the T.30 result is OK, 1 when the fax failed, 2 on a usage or setup error.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <tiffio.h>
#include <spandsp.h>

#define MAX_REDUNDANCY 16
#define MAX_IFP 2048
#define MAX_DATAGRAM 8192
#define SAMPLES_PER_TICK 160 /* 20 ms at 8000 samples/s */

struct ifp_slot
{
    int len;
    uint8_t buf[MAX_IFP];
};

struct peer
{
    int fd;
    struct sockaddr_in remote;
    /* tx */
    uint16_t tx_seq;
    int redundancy;
    struct ifp_slot history[MAX_REDUNDANCY]; /* history[0] is the newest sent IFP */
    int history_len;
    double loss_pct;
    uint64_t rng;
    /* rx */
    int rx_started;
    uint16_t rx_expected;
    /* stats */
    long tx, tx_dropped, rx, rx_recovered, rx_lost, rx_duplicate, rx_malformed;
    /* result */
    int done;
    int result;
    t30_stats_t stats;
    char remote_ident[64];
    t38_terminal_state_t *t38;
};

static uint64_t next_random(struct peer *p)
{
    /* xorshift64* */
    p->rng ^= p->rng >> 12;
    p->rng ^= p->rng << 25;
    p->rng ^= p->rng >> 27;
    return p->rng * 2685821657736338717ULL;
}

/* PER general length determinant, for the lengths we use (< 16384). */
static int put_length(uint8_t *buf, int pos, int len)
{
    if (len < 0x80)
    {
        buf[pos++] = (uint8_t) len;
    }
    else
    {
        buf[pos++] = (uint8_t) (0x80 | (len >> 8));
        buf[pos++] = (uint8_t) (len & 0xFF);
    }
    return pos;
}

static int get_length(const uint8_t *buf, int len, int *pos, int *value)
{
    if (*pos >= len)
        return -1;
    if ((buf[*pos] & 0x80) == 0)
    {
        *value = buf[(*pos)++];
        return 0;
    }
    if ((buf[*pos] & 0xC0) == 0x80)
    {
        if (*pos + 1 >= len)
            return -1;
        *value = ((buf[*pos] & 0x3F) << 8) | buf[*pos + 1];
        *pos += 2;
        return 0;
    }
    return -1; /* fragmented lengths are never needed for IFPs */
}

static int tx_packet_handler(t38_core_state_t *s, void *user_data, const uint8_t *ifp, int len, int count)
{
    struct peer *p = (struct peer *) user_data;
    uint8_t dgram[MAX_DATAGRAM];
    int pos = 0;
    int i;
    int secondaries;

    if (len <= 0 || len > MAX_IFP)
        return -1;
    dgram[pos++] = (uint8_t) (p->tx_seq >> 8);
    dgram[pos++] = (uint8_t) (p->tx_seq & 0xFF);
    pos = put_length(dgram, pos, len);
    memcpy(dgram + pos, ifp, len);
    pos += len;
    /* error-recovery: secondary-ifp-packets (choice bit 0, padded), newest first */
    dgram[pos++] = 0x00;
    secondaries = p->history_len < p->redundancy ? p->history_len : p->redundancy;
    pos = put_length(dgram, pos, secondaries);
    for (i = 0; i < secondaries; i++)
    {
        if (pos + 2 + p->history[i].len > MAX_DATAGRAM)
            return -1;
        pos = put_length(dgram, pos, p->history[i].len);
        memcpy(dgram + pos, p->history[i].buf, p->history[i].len);
        pos += p->history[i].len;
    }
    if (p->redundancy > 0)
    {
        memmove(&p->history[1], &p->history[0], sizeof(p->history[0]) * (MAX_REDUNDANCY - 1));
        p->history[0].len = len;
        memcpy(p->history[0].buf, ifp, len);
        if (p->history_len < MAX_REDUNDANCY)
            p->history_len++;
    }
    p->tx_seq++;
    if (count < 1)
        count = 1;
    for (i = 0; i < count; i++)
    {
        if (p->loss_pct > 0.0 && (double) (next_random(p) % 1000000) < p->loss_pct * 10000.0)
        {
            p->tx_dropped++;
            continue;
        }
        if (sendto(p->fd, dgram, pos, 0, (struct sockaddr *) &p->remote, sizeof(p->remote)) < 0)
            fprintf(stderr, "t38peer: sendto: %s\n", strerror(errno));
        p->tx++;
    }
    return 0;
}

static void rx_datagram(struct peer *p, const uint8_t *buf, int len)
{
    t38_core_state_t *core = t38_terminal_get_t38_core_state(p->t38);
    int pos = 2;
    int primary_len;
    int primary_pos;
    int nsec = 0;
    int sec_pos[MAX_REDUNDANCY * 4];
    int sec_len[MAX_REDUNDANCY * 4];
    uint16_t seq;
    int16_t delta;
    int i;

    if (len < 4)
    {
        p->rx_malformed++;
        return;
    }
    seq = (uint16_t) ((buf[0] << 8) | buf[1]);
    if (get_length(buf, len, &pos, &primary_len) < 0 || primary_len < 1 || pos + primary_len > len)
    {
        p->rx_malformed++;
        return;
    }
    primary_pos = pos;
    pos += primary_len;
    if (pos >= len)
    {
        p->rx_malformed++;
        return;
    }
    if ((buf[pos++] & 0x80) == 0)
    {
        int count;

        if (get_length(buf, len, &pos, &count) < 0)
        {
            p->rx_malformed++;
            return;
        }
        for (i = 0; i < count; i++)
        {
            int l;

            if (get_length(buf, len, &pos, &l) < 0 || l < 1 || pos + l > len)
            {
                p->rx_malformed++;
                return;
            }
            if (nsec < (int) (sizeof(sec_pos) / sizeof(sec_pos[0])))
            {
                sec_pos[nsec] = pos;
                sec_len[nsec] = l;
                nsec++;
            }
            pos += l;
        }
    }
    /* fec-info is accepted but not used for recovery by this peer */
    p->rx++;
    if (!p->rx_started)
    {
        p->rx_started = 1;
        p->rx_expected = seq;
    }
    delta = (int16_t) (seq - p->rx_expected);
    if (delta < 0)
    {
        p->rx_duplicate++;
        return;
    }
    /* recover what the secondaries cover, oldest first */
    for (i = delta - 1; i >= 0; i--)
    {
        uint16_t missing = (uint16_t) (seq - 1 - i);

        if (i < nsec)
        {
            t38_core_rx_ifp_packet(core, buf + sec_pos[i], sec_len[i], missing);
            p->rx_recovered++;
        }
        else
        {
            p->rx_lost++;
        }
    }
    t38_core_rx_ifp_packet(core, buf + primary_pos, primary_len, seq);
    p->rx_expected = (uint16_t) (seq + 1);
}

static void phase_e_handler(t30_state_t *s, void *user_data, int result)
{
    struct peer *p = (struct peer *) user_data;
    const char *ident;

    p->result = result;
    t30_get_transfer_statistics(s, &p->stats);
    ident = t30_get_rx_ident(s);
    snprintf(p->remote_ident, sizeof(p->remote_ident), "%s", ident ? ident : "");
}

static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++)
    {
        unsigned char c = (unsigned char) *s;

        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20 || c >= 0x7F)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static double now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void usage(void)
{
    fprintf(stderr,
            "usage: t38peer send FILE.tif LOCAL_PORT REMOTE_HOST REMOTE_PORT [options]\n"
            "       t38peer receive OUT.tif LOCAL_PORT REMOTE_HOST REMOTE_PORT [options]\n"
            "options: --ecm --time-scale N --loss PCT --seed S --redundancy N --version V\n"
            "         --ident ID --modems v27,v29,v17 --timeout SEC --local-host ADDR --verbose\n");
    exit(2);
}

int main(int argc, char *argv[])
{
    struct peer p;
    const char *file;
    const char *local_host = "127.0.0.1";
    const char *ident = NULL;
    const char *modems = "v27,v29,v17";
    int sending;
    int local_port;
    int ecm = 0;
    int time_scale = 1;
    int version = 0;
    int verbose = 0;
    double timeout_s = 120.0;
    uint64_t seed = 1;
    int supported_modems = 0;
    int i;
    struct sockaddr_in local;
    struct addrinfo hints, *res;
    t30_state_t *t30;
    t38_core_state_t *core;
    double period_us, next_tick, deadline;
    int timed_out = 0;

    if (argc < 6)
        usage();
    if (strcmp(argv[1], "send") == 0)
        sending = 1;
    else if (strcmp(argv[1], "receive") == 0)
        sending = 0;
    else
        usage();
    memset(&p, 0, sizeof(p));
    p.redundancy = 3;
    p.result = -1;
    file = argv[2];
    local_port = atoi(argv[3]);
    for (i = 6; i < argc; i++)
    {
        const char *a = argv[i];

        if (strcmp(a, "--ecm") == 0)
            ecm = 1;
        else if (strcmp(a, "--verbose") == 0)
            verbose = 1;
        else if (i + 1 >= argc)
            usage();
        else if (strcmp(a, "--time-scale") == 0)
            time_scale = atoi(argv[++i]);
        else if (strcmp(a, "--loss") == 0)
            p.loss_pct = atof(argv[++i]);
        else if (strcmp(a, "--seed") == 0)
            seed = strtoull(argv[++i], NULL, 10);
        else if (strcmp(a, "--redundancy") == 0)
            p.redundancy = atoi(argv[++i]);
        else if (strcmp(a, "--version") == 0)
            version = atoi(argv[++i]);
        else if (strcmp(a, "--ident") == 0)
            ident = argv[++i];
        else if (strcmp(a, "--modems") == 0)
            modems = argv[++i];
        else if (strcmp(a, "--timeout") == 0)
            timeout_s = atof(argv[++i]);
        else if (strcmp(a, "--local-host") == 0)
            local_host = argv[++i];
        else
            usage();
    }
    if (time_scale < 1 || p.redundancy < 0 || p.redundancy > MAX_REDUNDANCY || version < 0 || version > 3
        || p.loss_pct < 0 || p.loss_pct > 100 || local_port < 0 || local_port > 65535)
        usage();
    if (strstr(modems, "v27"))
        supported_modems |= T30_SUPPORT_V27TER;
    if (strstr(modems, "v29"))
        supported_modems |= T30_SUPPORT_V29;
    if (strstr(modems, "v17"))
        supported_modems |= T30_SUPPORT_V17;
    if (supported_modems == 0)
        usage();
    p.rng = seed * 0x9E3779B97F4A7C15ULL + 1;

    /* UDP socket */
    p.fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (p.fd < 0)
    {
        perror("t38peer: socket");
        return 2;
    }
    memset(&local, 0, sizeof(local));
    local.sin_family = AF_INET;
    local.sin_port = htons((uint16_t) local_port);
    if (inet_pton(AF_INET, local_host, &local.sin_addr) != 1)
    {
        fprintf(stderr, "t38peer: bad local host %s\n", local_host);
        return 2;
    }
    if (bind(p.fd, (struct sockaddr *) &local, sizeof(local)) < 0)
    {
        perror("t38peer: bind");
        return 2;
    }
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_DGRAM;
    if (getaddrinfo(argv[4], argv[5], &hints, &res) != 0)
    {
        fprintf(stderr, "t38peer: cannot resolve %s:%s\n", argv[4], argv[5]);
        return 2;
    }
    memcpy(&p.remote, res->ai_addr, sizeof(p.remote));
    freeaddrinfo(res);

    /* spandsp T.38 terminal; the caller sends */
    p.t38 = t38_terminal_init(NULL, sending, tx_packet_handler, &p);
    if (p.t38 == NULL)
    {
        fprintf(stderr, "t38peer: t38_terminal_init failed\n");
        return 2;
    }
    t30 = t38_terminal_get_t30_state(p.t38);
    core = t38_terminal_get_t38_core_state(p.t38);
    t38_set_t38_version(core, version);
    t30_set_tx_ident(t30, ident ? ident : (sending ? "T38PEER SEND" : "T38PEER RECV"));
    t30_set_supported_modems(t30, supported_modems);
    if (ecm)
    {
        t30_set_ecm_capability(t30, TRUE);
        t30_set_supported_compressions(t30, T30_SUPPORT_T4_1D_COMPRESSION | T30_SUPPORT_T4_2D_COMPRESSION
                                                | T30_SUPPORT_T6_COMPRESSION);
    }
    t30_set_phase_e_handler(t30, phase_e_handler, &p);
    if (sending)
        t30_set_tx_file(t30, file, -1, -1);
    else
        t30_set_rx_file(t30, file, -1);
    if (verbose)
    {
        int level = SPAN_LOG_SHOW_SEVERITY | SPAN_LOG_SHOW_PROTOCOL | SPAN_LOG_FLOW;

        span_log_set_level(t38_terminal_get_logging_state(p.t38), level);
        span_log_set_tag(t38_terminal_get_logging_state(p.t38), sending ? "TX" : "RX");
        span_log_set_level(t38_core_get_logging_state(core), level);
        span_log_set_tag(t38_core_get_logging_state(core), sending ? "TX" : "RX");
        span_log_set_level(t30_get_logging_state(t30), level);
        span_log_set_tag(t30_get_logging_state(t30), sending ? "TX" : "RX");
    }

    /* one tick of 160 samples every 20 ms of fax time */
    period_us = 20000.0 / time_scale;
    next_tick = now_us();
    deadline = next_tick + timeout_s * 1e6;
    while (!p.done)
    {
        double now = now_us();
        struct pollfd pfd;
        int wait_ms;

        if (now >= deadline)
        {
            timed_out = 1;
            break;
        }
        while (now >= next_tick && !p.done)
        {
            if (t38_terminal_send_timeout(p.t38, SAMPLES_PER_TICK))
                p.done = 1;
            next_tick += period_us;
        }
        if (p.done)
            break;
        wait_ms = (int) ((next_tick - now_us()) / 1000.0);
        if (wait_ms < 0)
            wait_ms = 0;
        pfd.fd = p.fd;
        pfd.events = POLLIN;
        pfd.revents = 0;
        if (poll(&pfd, 1, wait_ms) > 0 && (pfd.revents & POLLIN))
        {
            uint8_t buf[MAX_DATAGRAM];
            ssize_t n;

            while ((n = recv(p.fd, buf, sizeof(buf), MSG_DONTWAIT)) > 0)
                rx_datagram(&p, buf, (int) n);
        }
    }
    if (p.result < 0)
    {
        /* the T.30 engine never reached phase E: take what it has */
        t30_get_transfer_statistics(t30, &p.stats);
        snprintf(p.remote_ident, sizeof(p.remote_ident), "%s", t30_get_rx_ident(t30) ? t30_get_rx_ident(t30) : "");
    }
    /* a received TIFF is only complete after release */
    t38_terminal_release(p.t38);
    t38_terminal_free(p.t38);
    close(p.fd);

    printf("{\"status\":\"%s\",\"role\":\"%s\",\"t30_result\":%d,\"t30_text\":",
           timed_out ? "timeout" : (p.result == T30_ERR_OK ? "ok" : "failed"), sending ? "send" : "receive", p.result);
    json_string(stdout, p.result >= 0 ? t30_completion_code_to_str(p.result) : "no result");
    printf(",\"pages\":%d,\"bit_rate\":%d,\"ecm\":%s,\"remote_ident\":",
           sending ? p.stats.pages_tx : p.stats.pages_rx, p.stats.bit_rate,
           p.stats.error_correcting_mode ? "true" : "false");
    json_string(stdout, p.remote_ident);
    printf(",\"udptl\":{\"tx\":%ld,\"tx_dropped\":%ld,\"rx\":%ld,\"rx_recovered\":%ld,\"rx_lost\":%ld,"
           "\"rx_duplicate\":%ld,\"rx_malformed\":%ld}}\n",
           p.tx, p.tx_dropped, p.rx, p.rx_recovered, p.rx_lost, p.rx_duplicate, p.rx_malformed);
    fflush(stdout);
    return (!timed_out && p.result == T30_ERR_OK) ? 0 : 1;
}
