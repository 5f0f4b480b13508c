package interp

// Capabilities: what a host lets scripts do outside the interpreter
// (files, the environment, ending the process). Each is off unless the
// host grants it in Options; the standard library reads them there.

// FileAccess grants scripts java.io.File (Options.Files). Scripts see a
// file system whose "/" is Root: every path they name is resolved under
// it, and neither `..` nor a symbolic link can lead out of it. With Root
// "/" scripts see the host's whole file system with its real paths.
type FileAccess struct {
	// Root is the host directory that scripts see as "/".
	Root string
	// Dir is the working directory relative paths are resolved
	// against, as a path scripts see (under Root); "" is "/".
	Dir string
}
