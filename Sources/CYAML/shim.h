#ifndef PLANLINT_CYAML_SHIM_H
#define PLANLINT_CYAML_SHIM_H
#include <yaml.h>
#endif
