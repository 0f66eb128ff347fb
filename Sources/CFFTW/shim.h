#include <fftw3.h>

// FFTW's planner flags are macros with shifts, which Swift does not import: name them here.
static const unsigned int CFFTW_ESTIMATE = FFTW_ESTIMATE;
static const unsigned int CFFTW_MEASURE = FFTW_MEASURE;
static const unsigned int CFFTW_DESTROY_INPUT = FFTW_DESTROY_INPUT;
static const unsigned int CFFTW_PRESERVE_INPUT = FFTW_PRESERVE_INPUT;
static const unsigned int CFFTW_PATIENT = FFTW_PATIENT;
static const unsigned int CFFTW_WISDOM_ONLY = FFTW_WISDOM_ONLY;
