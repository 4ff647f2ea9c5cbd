// Runs the two halves of a parallel step on the calling thread and one persistent worker thread that spins
// briefly between steps. A step of a small network is 10–30 such pairs of sub-millisecond halves; waking a
// sleeping thread for each (as DispatchQueue.concurrentPerform does) costs tens of microseconds a time.
#include "CKernels.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <time.h>

// How long the worker keeps spinning for the next half before it sleeps: longer than the gaps between the
// halves of one training step, short enough that an idle process stops using a core at once. (5, 30, 200 and
// 2000 µs gave the same MLP and LeNet throughput within noise; the spin yields the core to any other thread.)
static const long spinNanoseconds = 200 * 1000;

static pthread_once_t startOnce = PTHREAD_ONCE_INIT;
static bool started;
static atomic_flag claimed = ATOMIC_FLAG_INIT;  // set while a caller has the worker
static _Atomic unsigned long posted, finished;  // tickets of the latest half handed over and completed
static _Atomic int sleeping;
static ck_pair_body jobBody;
static void *jobContext;
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

static void *workerMain(void *unused) {
    (void)unused;
    unsigned long seen = 0;
    for (;;) {
        waitForTicket(seen);
        seen = atomic_load_explicit(&posted, memory_order_acquire);
        jobBody(jobContext, 1);
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

void ck_run_pair(ck_pair_body body, void *context) {
    pthread_once(&startOnce, startWorker);
    if (!started || atomic_flag_test_and_set_explicit(&claimed, memory_order_acquire)) {
        body(context, 0);  // another caller has the worker (or there is none): both halves here
        body(context, 1);
        return;
    }
    jobBody = body;
    jobContext = context;
    unsigned long ticket = atomic_load_explicit(&posted, memory_order_relaxed) + 1;
    atomic_store(&posted, ticket);
    if (atomic_load(&sleeping)) {
        pthread_mutex_lock(&sleepLock);
        pthread_cond_signal(&wake);
        pthread_mutex_unlock(&sleepLock);
    }
    body(context, 0);
    for (unsigned spins = 1; atomic_load_explicit(&finished, memory_order_acquire) != ticket; spins++) {
        if (spins % 16 == 0) sched_yield(); else relax();  // if the worker shares this core, give it the core
    }
    atomic_flag_clear_explicit(&claimed, memory_order_release);
}
