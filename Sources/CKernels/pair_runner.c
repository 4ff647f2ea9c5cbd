// Runs the two halves of a parallel step, or the chunks of an element-wise loop, on the calling thread and one
// persistent worker thread that spins briefly between steps. A step of a small network is 10–30 such jobs of
// sub-millisecond work; waking a sleeping thread for each (as DispatchQueue.concurrentPerform does) costs tens
// of microseconds a time.
//
// Even a spinning worker starts late now and then: it shares two cores with the caller and OpenBLAS's own
// spinning worker, and a yield can hand its core to that worker for tens of microseconds. So element-wise
// loops run as chunks claimed from the two ends of a shared range (`ck_run_chunks`): the caller starts at
// once, the worker takes what is left when it arrives, and a worker that arrives after the last chunk is not
// waited for.
#include "CKernels.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>

// How long the worker keeps spinning for the next half before it sleeps: longer than the gaps between the
// halves of one training step, short enough that an idle process stops using a core at once. (5, 30, 200 and
// 2000 µs gave the same MLP and LeNet throughput within noise; the spin yields the core to any other thread.)
static const long spinNanoseconds = 200 * 1000;

static pthread_once_t startOnce = PTHREAD_ONCE_INIT;
static bool started;
static atomic_flag claimed = ATOMIC_FLAG_INIT;  // set while a caller has the worker
static _Atomic unsigned long posted, finished;  // tickets of the latest job handed over and completed
// The ticket of the job the worker may still join; the worker and the caller of a chunked job race to swap
// it for 0: the worker to join (the caller then waits for it), the caller to close the job (it then does not).
static _Atomic unsigned long joinable;
static _Atomic int sleeping;
// The job, written before its ticket is posted and read by the worker only after it has joined.
static ck_pair_body jobBody;
static void *jobContext;
static long jobChunks;                 // 0 for a pair: the worker runs part 1
static pthread_mutex_t sleepLock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;

static inline void relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ volatile("yield");
#endif
}

static long nowNanoseconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

static void waitForTicket(unsigned long seen) {
    long deadline = nowNanoseconds() + spinNanoseconds;
    for (unsigned spins = 1; atomic_load_explicit(&posted, memory_order_acquire) == seen; spins++) {
        // Yield rather than only pause: on a busy core (OpenBLAS's workers, the other half) another thread runs.
        if (spins % 16 == 0) sched_yield(); else relax();
        if (spins % 64 == 0 && nowNanoseconds() > deadline) {
            pthread_mutex_lock(&sleepLock);
            atomic_store(&sleeping, 1);  // seq_cst with the caller's store of `posted`: one sees the other
            while (atomic_load(&posted) == seen) pthread_cond_wait(&wake, &sleepLock);
            atomic_store(&sleeping, 0);
            pthread_mutex_unlock(&sleepLock);
            return;
        }
    }
}

// The chunks not yet claimed, `lo ..< hi`, packed in one word: the caller claims from the front, the worker
// from the back. Both on time, each runs the half a static split would give it — the half whose data the
// same core's previous pass left in its cache, which chunks handed out in turn would scatter — and whichever
// is early or late, the other takes over the rest.
static _Atomic uint64_t unclaimed;

static bool claim(bool fromFront, long *chunk) {
    uint64_t range = atomic_load_explicit(&unclaimed, memory_order_relaxed);
    for (;;) {
        uint32_t lo = (uint32_t)(range >> 32), hi = (uint32_t)range;
        if (lo >= hi) return false;
        uint64_t rest = fromFront ? ((uint64_t)(lo + 1) << 32 | hi) : ((uint64_t)lo << 32 | (hi - 1));
        if (atomic_compare_exchange_weak_explicit(&unclaimed, &range, rest, memory_order_relaxed,
                                                  memory_order_relaxed)) {
            *chunk = fromFront ? lo : hi - 1;
            return true;
        }
    }
}

// Claims and runs chunks of the current chunked job until none is left.
static void runChunks(ck_pair_body body, void *context, bool fromFront) {
    for (long chunk; claim(fromFront, &chunk);) body(context, chunk);
}

static void *workerMain(void *unused) {
    (void)unused;
    unsigned long seen = 0;
    for (;;) {
        waitForTicket(seen);
        seen = atomic_load_explicit(&posted, memory_order_acquire);
        unsigned long expected = seen;
        // A failed swap means the caller closed this job (or has posted a newer one, joined next time round).
        if (atomic_compare_exchange_strong(&joinable, &expected, 0)) {
            if (jobChunks == 0) jobBody(jobContext, 1); else runChunks(jobBody, jobContext, false);
        }
        atomic_store_explicit(&finished, seen, memory_order_release);
    }
    return NULL;
}

// A child forked from a process with a worker has no worker thread (threads are not forked): it runs both
// halves itself instead of waiting for one that never comes.
static void forgetWorkerInChild(void) { started = false; }

static void startWorker(void) {
    pthread_atfork(NULL, NULL, forgetWorkerInChild);
    pthread_t thread;
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attributes, 8 << 20);
    started = pthread_create(&thread, &attributes, workerMain, NULL) == 0;
    pthread_attr_destroy(&attributes);
}

// Whether this caller may hand work to the worker (there is one, and no other caller has it).
static bool claimWorker(void) {
    pthread_once(&startOnce, startWorker);
    return started && !atomic_flag_test_and_set_explicit(&claimed, memory_order_acquire);
}

// Hands the job to the worker: its ticket, and a wake-up if it sleeps.
static unsigned long post(ck_pair_body body, void *context, long chunks) {
    jobBody = body;
    jobContext = context;
    jobChunks = chunks;
    atomic_store_explicit(&unclaimed, (uint64_t)chunks, memory_order_relaxed);  // lo 0, hi chunks
    unsigned long ticket = atomic_load_explicit(&posted, memory_order_relaxed) + 1;
    atomic_store(&joinable, ticket);
    atomic_store(&posted, ticket);
    if (atomic_load(&sleeping)) {
        pthread_mutex_lock(&sleepLock);
        pthread_cond_signal(&wake);
        pthread_mutex_unlock(&sleepLock);
    }
    return ticket;
}

static void waitForWorker(unsigned long ticket) {
    for (unsigned spins = 1; atomic_load_explicit(&finished, memory_order_acquire) != ticket; spins++) {
        if (spins % 16 == 0) sched_yield(); else relax();  // if the worker shares this core, give it the core
    }
    atomic_flag_clear_explicit(&claimed, memory_order_release);
}

void ck_run_pair(ck_pair_body body, void *context) {
    if (!claimWorker()) {
        body(context, 0);  // another caller has the worker (or there is none): both halves here
        body(context, 1);
        return;
    }
    unsigned long ticket = post(body, context, 0);
    body(context, 0);
    waitForWorker(ticket);  // the job stays joinable: the worker always runs part 1
}

void ck_run_chunks(long count, ck_pair_body body, void *context) {
    if (count < 2 || count > UINT32_MAX || !claimWorker()) {
        for (long chunk = 0; chunk < count; chunk++) body(context, chunk);
        return;
    }
    unsigned long ticket = post(body, context, count);
    runChunks(body, context, true);
    unsigned long expected = ticket;
    if (atomic_compare_exchange_strong(&joinable, &expected, 0)) {
        atomic_flag_clear_explicit(&claimed, memory_order_release);  // closed before the worker came
        return;
    }
    waitForWorker(ticket);  // it joined: it finishes the chunk it holds and finds no more
}
