// Preloaded under valgrind only: replaces libdispatch's dispatch_main, whose pthread_exit of the main
// thread valgrind 3.19 cannot follow, with a loop that drains the main queue the way a run loop does.
#include <poll.h>
#include <stdint.h>
extern void *_dispatch_get_main_queue_handle_4CF(void);
extern void _dispatch_main_queue_callback_4CF(void *);
void dispatch_main(void) {
    int fd = (int)(intptr_t)_dispatch_get_main_queue_handle_4CF();
    for (;;) {
        struct pollfd request = { .fd = fd, .events = POLLIN };
        poll(&request, 1, -1);
        _dispatch_main_queue_callback_4CF(0);
    }
}
