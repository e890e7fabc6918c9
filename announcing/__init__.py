"""The call display's voice: a chime and the spoken call, from a voice (espeak-ng here, the OS
voice on Windows behind the same interface) to a WAV file or the sound device."""
