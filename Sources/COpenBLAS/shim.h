// OpenBLAS: CBLAS plus the few Fortran LAPACK routines the BSS Eval kernel needs
// (the same routines numpy.linalg calls: gesv for solve, gelsd for lstsq).
#include <cblas.h>

void dgesv_(const int *n, const int *nrhs, double *a, const int *lda, int *ipiv,
            double *b, const int *ldb, int *info);
void dposv_(const char *uplo, const int *n, const int *nrhs, double *a, const int *lda,
            double *b, const int *ldb, int *info);
void dgelsd_(const int *m, const int *n, const int *nrhs, double *a, const int *lda,
             double *b, const int *ldb, double *s, const double *rcond, int *rank,
             double *work, const int *lwork, int *iwork, int *info);
void openblas_set_num_threads(int num_threads);
// Joins OpenBLAS's worker threads; they are started again by the next threaded call.
int blas_thread_shutdown_(void);
