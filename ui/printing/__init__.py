"""Paper screens: the technician's printer set-up, the supervisor's figures and reports, and the
slip preview with its reprint button. Each is a plain widget the window places where it likes."""
