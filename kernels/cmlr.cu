// One module holding every kernel family, so the Java side loads a single fatbin.
#include "generation.cu"
#include "statistics.cu"
#include "estep.cu"
#include "reductions.cu"
