import CVipps
import VippsHTTP

/// Every object handed to C is registered here with its kind, so that a wrong, stale or
/// double-freed pointer gets an error status instead of crashing the host: the library never
/// dereferences a pointer it did not hand out and has not yet taken back.
enum HandleKind: Sendable {
    case config, client, initiateParams, initiation, payment, transaction, callback, shippingRequest
    case shippingResponse, ownedError, borrowedError, webhookEvent, webhookList, userinfo
}

/// The handles C holds are not addresses but a slot number and that slot's generation, so a
/// stale handle whose slot was reused for a new object (a freed client, then a new one) does not
/// reach the new object: its generation no longer matches.
private struct Registry {
    struct Slot {
        var generation: UInt32 = 1
        var object: AnyObject?
        var kind: HandleKind = .config
    }

    var slots: [Slot] = []
    var free: [Int] = []

    static let generationBits = 32

    static func handle(slot: Int, generation: UInt32) -> UInt {
        (UInt(truncatingIfNeeded: slot + 1) << generationBits) | UInt(generation)
    }

    /// The slot index and generation a handle names, or nil for anything malformed.
    static func parse(_ handle: UInt) -> (slot: Int, generation: UInt32)? {
        let slotPart = handle >> generationBits
        guard slotPart > 0, slotPart <= UInt(Int32.max) else { return nil }
        return (Int(slotPart) - 1, UInt32(truncatingIfNeeded: handle))
    }

    func live(_ handle: UInt) -> Int? {
        guard let parsed = Self.parse(handle), parsed.slot < slots.count, slots[parsed.slot].object != nil,
            slots[parsed.slot].generation == parsed.generation
        else { return nil }
        return parsed.slot
    }
}

private let registry = ProcessLock(Registry())

enum Handles {
    /// Registers `object` (keeping it alive) and returns its handle for C, never NULL (a slot
    /// part starts at 1).
    static func export<T: AnyObject>(_ object: T, as kind: HandleKind) -> OpaquePointer? {
        let handle = registry.withLock { registry -> UInt in
            let index: Int
            if let reused = registry.free.popLast() {
                index = reused
            } else {
                registry.slots.append(Registry.Slot())
                index = registry.slots.count - 1
            }
            registry.slots[index].object = object
            registry.slots[index].kind = kind
            return Registry.handle(slot: index, generation: registry.slots[index].generation)
        }
        return OpaquePointer(bitPattern: handle)
    }

    /// The object behind a handle from C, or nil when the handle is NULL, unknown, stale or of
    /// another kind. The object is retained under the lock: a free racing this lookup cannot
    /// release it in between.
    static func lookup<T: AnyObject>(_ pointer: OpaquePointer?, _ type: T.Type, kinds: Set<HandleKind>) -> T? {
        lookup(pointer, type) { kinds.contains($0) }
    }

    /// The same for one kind: every accessor of a result runs this, and a `Set` literal per call
    /// cost an allocation and two hashes each time.
    static func lookup<T: AnyObject>(_ pointer: OpaquePointer?, _ type: T.Type, kind: HandleKind) -> T? {
        lookup(pointer, type) { $0 == kind }
    }

    private static func lookup<T: AnyObject>(
        _ pointer: OpaquePointer?, _ type: T.Type, accepts: (HandleKind) -> Bool
    ) -> T? {
        guard let pointer else { return nil }
        let handle = UInt(bitPattern: pointer)
        return registry.withLock { registry -> T? in
            guard let index = registry.live(handle), accepts(registry.slots[index].kind) else { return nil }
            return registry.slots[index].object as? T
        }
    }

    /// Unregisters a handle and drops the registry's reference; false when the pointer was not a
    /// live handle of `kind`. The object itself goes once no call in flight uses it, and outside
    /// the lock (its deinit may close connections).
    @discardableResult
    static func release(_ pointer: OpaquePointer?, kind: HandleKind) -> Bool {
        guard let pointer else { return false }
        let handle = UInt(bitPattern: pointer)
        let removed = registry.withLock { registry -> AnyObject? in
            guard let index = registry.live(handle), registry.slots[index].kind == kind else { return nil }
            let object = registry.slots[index].object
            registry.slots[index].object = nil
            // Wraps after 2^32 frees of one slot; generation 0 is skipped so a handle never
            // has an all-zero low half.
            registry.slots[index].generation &+= 1
            if registry.slots[index].generation == 0 { registry.slots[index].generation = 1 }
            registry.free.append(index)
            return object
        }
        return removed != nil
    }
}
