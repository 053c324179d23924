"""Code that runs inside the sandbox, beside the learner's module.

Everything in this package uses the standard library only: a copy of it is put on the sandbox's
``sys.path`` as ``pykata_sandbox``, where no third-party package is importable. The codec and the
framing are also used by the trusted side, so both sides speak exactly the same format.
"""
