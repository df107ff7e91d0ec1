"""Helpers the tests share: the real command line, real git repositories, report checks, the
labelled corpus. Test modules import from here, never from each other."""
