#ifndef PLANLINT_CXLSXWRITER_SHIM_H
#define PLANLINT_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
