/* For testing under Wine only, never packaged: Wine 8.0 has no bcryptprimitives.dll, from
   which Rust's standard library (1.78 and later) imports ProcessPrng for its random seeds.
   This stand-in answers ProcessPrng with advapi32's RtlGenRandom (SystemFunction036),
   which Wine has. Built by scripts/package.sh windows into the test folder beside the exe. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    /* RtlGenRandom takes a ULONG: fill a larger request in pieces. */
    while (length > 0) {
        ULONG part = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, part))
            return FALSE;
        data += part;
        length -= part;
    }
    return TRUE;
}
