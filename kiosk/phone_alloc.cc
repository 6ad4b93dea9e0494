// phone_alloc.cc — C++'s operator new and delete for the whole process,
// defined in the program: every block C++ code frees is overwritten first,
// as jansson's and SQLite's are (mem_wipe.h).
//
// libphonenumber, which copies a visitor's number into strings of its own,
// lives in a plugin opened with dlopen (kiosk/phone_load.c). A plugin
// cannot replace these operators for the libraries it brings: the dynamic
// loader binds their calls to the first definition in the program's global
// scope, which is the program itself, then libstdc++ (mapped at start by
// ICU and SDL_image). So the definitions stay here, where they apply to
// libphonenumber, protobuf and abseil once loaded, as to ICU. new is
// malloc (freed with the wiping free), so the two always pair, also under
// AddressSanitizer, in the nothrow forms as in the throwing ones.
#include <cstddef>
#include <cstdlib>
#include <new>

#include "phone_private.h"

extern "C" {
#include "kiosk/mem_wipe.h"
}

void *operator new(std::size_t n)
{
    void *p = std::malloc(n ? n : 1);
    if (!p)
        throw std::bad_alloc();
    return p;
}

void *operator new[](std::size_t n)
{
    return operator new(n);
}

// The nothrow forms too, so every new that reaches the delete below is
// malloc's (LLVM, loaded by Mesa on the GPU path, allocates with them).
void *operator new(std::size_t n, const std::nothrow_t &) noexcept
{
    return std::malloc(n ? n : 1);
}

void *operator new[](std::size_t n, const std::nothrow_t &) noexcept
{
    return std::malloc(n ? n : 1);
}

void operator delete(void *p, const std::nothrow_t &) noexcept
{
    mem_wipe_free(p);
}

void operator delete[](void *p, const std::nothrow_t &) noexcept
{
    mem_wipe_free(p);
}

void operator delete(void *p) noexcept
{
    mem_wipe_free(p);
}

void operator delete[](void *p) noexcept
{
    mem_wipe_free(p);
}

void operator delete(void *p, std::size_t) noexcept
{
    mem_wipe_free(p);
}

void operator delete[](void *p, std::size_t) noexcept
{
    mem_wipe_free(p);
}

extern "C" bool phone_alloc_wipes(void)
{
    return true;
}
