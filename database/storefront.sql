IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoles] (
        [Id] nvarchar(450) NOT NULL,
        [Name] nvarchar(256) NULL,
        [NormalizedName] nvarchar(256) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] nvarchar(450) NOT NULL,
        [ShopperReference] nvarchar(64) NOT NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(max) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE TABLE [Categories] (
        [Id] int NOT NULL IDENTITY,
        [Slug] nvarchar(80) NOT NULL,
        [Name] nvarchar(80) NOT NULL,
        [SortOrder] int NOT NULL,
        CONSTRAINT [PK_Categories] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) NULL,
        [Xml] nvarchar(max) NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE TABLE [Orders] (
        [Id] int NOT NULL IDENTITY,
        [Number] nvarchar(32) NOT NULL,
        [ShopperId] nvarchar(450) NULL,
        [SearchEmail] nvarchar(256) NOT NULL,
        [SearchName] nvarchar(256) NOT NULL,
        [SearchPhone] nvarchar(256) NOT NULL,
        [Country] nvarchar(2) NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [TotalAmount] bigint NOT NULL,
        [Status] nvarchar(40) NOT NULL,
        [PaymentStatus] nvarchar(40) NOT NULL,
        [PaymentMethod] nvarchar(64) NULL,
        [HoldsStock] bit NOT NULL,
        [ReviewReason] nvarchar(2000) NULL,
        [FlaggedAt] datetime2 NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [PaymentDeadline] datetime2 NOT NULL,
        [PaidAt] datetime2 NULL,
        [FulfilledAt] datetime2 NULL,
        [Carrier] nvarchar(100) NULL,
        [TrackingNumber] nvarchar(100) NULL,
        [Version] bigint NOT NULL,
        [Email] nvarchar(256) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Phone] nvarchar(32) NOT NULL,
        [City] nvarchar(100) NOT NULL,
        [ShippingCountry] nvarchar(2) NOT NULL,
        [AddressLine1] nvarchar(200) NOT NULL,
        [AddressLine2] nvarchar(200) NULL,
        [PostalCode] nvarchar(16) NOT NULL,
        CONSTRAINT [PK_Orders] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE TABLE [WebhookMessages] (
        [Id] bigint NOT NULL IDENTITY,
        [Kind] nvarchar(40) NOT NULL,
        [EventKey] nvarchar(300) NOT NULL,
        [EventCode] nvarchar(64) NOT NULL,
        [PspReference] nvarchar(64) NULL,
        [OriginalReference] nvarchar(64) NULL,
        [MerchantReference] nvarchar(80) NULL,
        [Success] bit NULL,
        [Live] bit NOT NULL,
        [Body] nvarchar(max) NOT NULL,
        [ReceivedAt] datetime2 NOT NULL,
        [Status] nvarchar(40) NOT NULL,
        [Attempts] int NOT NULL,
        [NextAttemptAt] datetime2 NOT NULL,
        [LeaseOwner] nvarchar(100) NULL,
        [LeaseExpiresAt] datetime2 NULL,
        [LastError] nvarchar(2000) NULL,
        [AppliedAt] datetime2 NULL,
        [ProcessedAt] datetime2 NULL,
        [ReprocessedBy] nvarchar(256) NULL,
        [ReprocessedAt] datetime2 NULL,
        [Version] bigint NOT NULL,
        CONSTRAINT [PK_WebhookMessages] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoleClaims] (
        [Id] int NOT NULL IDENTITY,
        [RoleId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] nvarchar(450) NOT NULL,
        [RoleId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] nvarchar(450) NOT NULL,
        [LoginProvider] nvarchar(450) NOT NULL,
        [Name] nvarchar(450) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE TABLE [StoredPaymentMethods] (
        [Id] int NOT NULL IDENTITY,
        [ShopperId] nvarchar(450) NOT NULL,
        [ShopperReference] nvarchar(64) NOT NULL,
        [StoredPaymentMethodId] nvarchar(64) NOT NULL,
        [PaymentMethodType] nvarchar(64) NOT NULL,
        [DisplayName] nvarchar(100) NOT NULL,
        [FirstPspReference] nvarchar(64) NULL,
        [Status] nvarchar(40) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [LastUsedAt] datetime2 NULL,
        [Version] bigint NOT NULL,
        CONSTRAINT [PK_StoredPaymentMethods] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_StoredPaymentMethods_AspNetUsers_ShopperId] FOREIGN KEY ([ShopperId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE TABLE [Products] (
        [Id] int NOT NULL IDENTITY,
        [Slug] nvarchar(100) NOT NULL,
        [Name] nvarchar(120) NOT NULL,
        [Description] nvarchar(2000) NOT NULL,
        [CategoryId] int NOT NULL,
        [ImagePath] nvarchar(300) NOT NULL,
        [Stock] int NOT NULL,
        [IsPublished] bit NOT NULL,
        [IsFeatured] bit NOT NULL,
        [Version] bigint NOT NULL,
        CONSTRAINT [PK_Products] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Products_Categories_CategoryId] FOREIGN KEY ([CategoryId]) REFERENCES [Categories] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE TABLE [Carts] (
        [Id] uniqueidentifier NOT NULL,
        [ShopperId] nvarchar(450) NULL,
        [PendingOrderId] int NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [Version] bigint NOT NULL,
        CONSTRAINT [PK_Carts] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Carts_Orders_PendingOrderId] FOREIGN KEY ([PendingOrderId]) REFERENCES [Orders] ([Id]) ON DELETE SET NULL
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE TABLE [OrderEvent] (
        [Id] bigint NOT NULL IDENTITY,
        [OrderId] int NOT NULL,
        [At] datetime2 NOT NULL,
        [Source] nvarchar(40) NOT NULL,
        [Kind] nvarchar(64) NOT NULL,
        [Summary] nvarchar(2000) NOT NULL,
        [Actor] nvarchar(256) NULL,
        [FromStatus] nvarchar(40) NULL,
        [FromPaymentStatus] nvarchar(40) NULL,
        [Payload] nvarchar(max) NULL,
        CONSTRAINT [PK_OrderEvent] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_OrderEvent_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE TABLE [OrderLine] (
        [Id] int NOT NULL IDENTITY,
        [OrderId] int NOT NULL,
        [ProductId] int NOT NULL,
        [Sku] nvarchar(100) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [ImagePath] nvarchar(300) NOT NULL,
        [UnitPrice] bigint NOT NULL,
        [Quantity] int NOT NULL,
        [TaxRateBasisPoints] int NOT NULL,
        CONSTRAINT [PK_OrderLine] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_OrderLine_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE TABLE [OutgoingEmails] (
        [Id] bigint NOT NULL IDENTITY,
        [Kind] nvarchar(40) NOT NULL,
        [DeduplicationKey] nvarchar(200) NOT NULL,
        [OrderId] int NULL,
        [Recipient] nvarchar(320) NOT NULL,
        [Subject] nvarchar(300) NOT NULL,
        [TextBody] nvarchar(max) NOT NULL,
        [HtmlBody] nvarchar(max) NOT NULL,
        [QueuedAt] datetime2 NOT NULL,
        [Status] nvarchar(40) NOT NULL,
        [Attempts] int NOT NULL,
        [NextAttemptAt] datetime2 NOT NULL,
        [LeaseOwner] nvarchar(100) NULL,
        [LeaseExpiresAt] datetime2 NULL,
        [SentAt] datetime2 NULL,
        [LastError] nvarchar(2000) NULL,
        [Version] bigint NOT NULL,
        CONSTRAINT [PK_OutgoingEmails] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_OutgoingEmails_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE TABLE [PaymentAttempts] (
        [Id] int NOT NULL IDENTITY,
        [OrderId] int NOT NULL,
        [Number] int NOT NULL,
        [Reference] nvarchar(80) NOT NULL,
        [PaymentMethodType] nvarchar(64) NOT NULL,
        [SubmitKey] nvarchar(64) NOT NULL,
        [IdempotencyKey] nvarchar(64) NOT NULL,
        [Amount] bigint NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [StorePaymentMethod] bit NOT NULL,
        [StoredPaymentMethodId] nvarchar(64) NULL,
        [Status] nvarchar(40) NOT NULL,
        [PspReference] nvarchar(64) NULL,
        [ActionJson] nvarchar(max) NULL,
        [RefusalReason] nvarchar(500) NULL,
        [DetailsRequestedAt] datetime2 NULL,
        [CreatedAt] datetime2 NOT NULL,
        [CompletedAt] datetime2 NULL,
        [Version] bigint NOT NULL,
        CONSTRAINT [PK_PaymentAttempts] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PaymentAttempts_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE TABLE [ProductPrices] (
        [Id] int NOT NULL IDENTITY,
        [ProductId] int NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [Amount] bigint NOT NULL,
        CONSTRAINT [PK_ProductPrices] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ProductPrices_Products_ProductId] FOREIGN KEY ([ProductId]) REFERENCES [Products] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE TABLE [CartLines] (
        [Id] int NOT NULL IDENTITY,
        [CartId] uniqueidentifier NOT NULL,
        [ProductId] int NOT NULL,
        [Quantity] int NOT NULL,
        CONSTRAINT [PK_CartLines] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CartLines_Carts_CartId] FOREIGN KEY ([CartId]) REFERENCES [Carts] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_CartLines_Products_ProductId] FOREIGN KEY ([ProductId]) REFERENCES [Products] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE TABLE [PaymentModifications] (
        [Id] int NOT NULL IDENTITY,
        [OrderId] int NOT NULL,
        [PaymentId] int NOT NULL,
        [Kind] nvarchar(40) NOT NULL,
        [Reference] nvarchar(80) NOT NULL,
        [Amount] bigint NOT NULL,
        [Currency] nvarchar(3) NOT NULL,
        [Reason] nvarchar(500) NOT NULL,
        [Status] nvarchar(40) NOT NULL,
        [PspReference] nvarchar(64) NULL,
        [RequestedBy] nvarchar(256) NULL,
        [RequestedAt] datetime2 NOT NULL,
        [SubmitKey] nvarchar(64) NULL,
        [CompletedAt] datetime2 NULL,
        [FailureReason] nvarchar(500) NULL,
        [ResendLeaseExpiresAt] datetime2 NULL,
        CONSTRAINT [PK_PaymentModifications] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PaymentModifications_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_PaymentModifications_PaymentAttempts_PaymentId] FOREIGN KEY ([PaymentId]) REFERENCES [PaymentAttempts] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AspNetUsers_ShopperReference] ON [AspNetUsers] ([ShopperReference]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_CartLines_CartId_ProductId] ON [CartLines] ([CartId], [ProductId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_CartLines_ProductId] ON [CartLines] ([ProductId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_Carts_PendingOrderId] ON [Carts] ([PendingOrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Carts_ShopperId] ON [Carts] ([ShopperId]) WHERE [ShopperId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_Carts_UpdatedAt] ON [Carts] ([UpdatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Categories_Slug] ON [Categories] ([Slug]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_OrderEvent_OrderId_At] ON [OrderEvent] ([OrderId], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_OrderLine_OrderId] ON [OrderLine] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_Country_CreatedAt] ON [Orders] ([Country], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_CreatedAt] ON [Orders] ([CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_FlaggedAt] ON [Orders] ([FlaggedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Orders_Number] ON [Orders] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_PaidAt] ON [Orders] ([PaidAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_PaymentMethod_CreatedAt] ON [Orders] ([PaymentMethod], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_PaymentStatus_CreatedAt] ON [Orders] ([PaymentStatus], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_SearchEmail] ON [Orders] ([SearchEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_SearchName] ON [Orders] ([SearchName]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_SearchPhone] ON [Orders] ([SearchPhone]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_ShopperId] ON [Orders] ([ShopperId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_Status_CreatedAt] ON [Orders] ([Status], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_Status_PaymentDeadline] ON [Orders] ([Status], [PaymentDeadline]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_TotalAmount_CreatedAt] ON [Orders] ([TotalAmount], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_OutgoingEmails_DeduplicationKey] ON [OutgoingEmails] ([DeduplicationKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_OutgoingEmails_OrderId] ON [OutgoingEmails] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_OutgoingEmails_Status_NextAttemptAt] ON [OutgoingEmails] ([Status], [NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_PaymentAttempts_OrderId] ON [PaymentAttempts] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_PaymentAttempts_PspReference] ON [PaymentAttempts] ([PspReference]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PaymentAttempts_Reference] ON [PaymentAttempts] ([Reference]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PaymentAttempts_SubmitKey] ON [PaymentAttempts] ([SubmitKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_PaymentModifications_OrderId] ON [PaymentModifications] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_PaymentModifications_PaymentId] ON [PaymentModifications] ([PaymentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_PaymentModifications_PspReference] ON [PaymentModifications] ([PspReference]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PaymentModifications_Reference] ON [PaymentModifications] ([Reference]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_PaymentModifications_Status_RequestedAt] ON [PaymentModifications] ([Status], [RequestedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_PaymentModifications_SubmitKey] ON [PaymentModifications] ([SubmitKey]) WHERE [SubmitKey] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ProductPrices_ProductId_Currency] ON [ProductPrices] ([ProductId], [Currency]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_Products_CategoryId] ON [Products] ([CategoryId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_Products_IsPublished_IsFeatured] ON [Products] ([IsPublished], [IsFeatured]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Products_Slug] ON [Products] ([Slug]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_StoredPaymentMethods_ShopperId] ON [StoredPaymentMethods] ([ShopperId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_StoredPaymentMethods_ShopperReference] ON [StoredPaymentMethods] ([ShopperReference]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_StoredPaymentMethods_StoredPaymentMethodId] ON [StoredPaymentMethods] ([StoredPaymentMethodId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_WebhookMessages_EventCode_ReceivedAt] ON [WebhookMessages] ([EventCode], [ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_WebhookMessages_EventKey] ON [WebhookMessages] ([EventKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_WebhookMessages_MerchantReference] ON [WebhookMessages] ([MerchantReference]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_WebhookMessages_ReceivedAt] ON [WebhookMessages] ([ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_WebhookMessages_Status_NextAttemptAt] ON [WebhookMessages] ([Status], [NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    CREATE INDEX [IX_WebhookMessages_Status_ReceivedAt] ON [WebhookMessages] ([Status], [ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128234848_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261128234848_Initial', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202205437_CatalogLanguagesAndOrderCulture'
)
BEGIN
    EXEC sp_rename N'[Products].[Name]', N'NameEn', 'COLUMN';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202205437_CatalogLanguagesAndOrderCulture'
)
BEGIN
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Products]') AND [c].[name] = N'NameEn');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [Products] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [Products] ALTER COLUMN [NameEn] nvarchar(120) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202205437_CatalogLanguagesAndOrderCulture'
)
BEGIN
    EXEC sp_rename N'[Products].[Description]', N'DescriptionEn', 'COLUMN';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202205437_CatalogLanguagesAndOrderCulture'
)
BEGIN
    DECLARE @var1 nvarchar(max);
    SELECT @var1 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Products]') AND [c].[name] = N'DescriptionEn');
    IF @var1 IS NOT NULL EXEC(N'ALTER TABLE [Products] DROP CONSTRAINT ' + @var1 + ';');
    ALTER TABLE [Products] ALTER COLUMN [DescriptionEn] nvarchar(2000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202205437_CatalogLanguagesAndOrderCulture'
)
BEGIN
    EXEC sp_rename N'[Categories].[Name]', N'NameEn', 'COLUMN';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202205437_CatalogLanguagesAndOrderCulture'
)
BEGIN
    DECLARE @var2 nvarchar(max);
    SELECT @var2 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Categories]') AND [c].[name] = N'NameEn');
    IF @var2 IS NOT NULL EXEC(N'ALTER TABLE [Categories] DROP CONSTRAINT ' + @var2 + ';');
    ALTER TABLE [Categories] ALTER COLUMN [NameEn] nvarchar(80) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202205437_CatalogLanguagesAndOrderCulture'
)
BEGIN
    ALTER TABLE [Products] ADD [NameKo] nvarchar(120) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202205437_CatalogLanguagesAndOrderCulture'
)
BEGIN
    ALTER TABLE [Products] ADD [DescriptionKo] nvarchar(2000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202205437_CatalogLanguagesAndOrderCulture'
)
BEGIN
    ALTER TABLE [Categories] ADD [NameKo] nvarchar(80) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202205437_CatalogLanguagesAndOrderCulture'
)
BEGIN
    ALTER TABLE [Orders] ADD [Culture] nvarchar(16) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261202205437_CatalogLanguagesAndOrderCulture'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261202205437_CatalogLanguagesAndOrderCulture', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203055420_Operations'
)
BEGIN
    ALTER TABLE [WebhookMessages] ADD [TraceParent] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203055420_Operations'
)
BEGIN
    CREATE TABLE [WorkerHeartbeats] (
        [Owner] nvarchar(100) NOT NULL,
        [Worker] nvarchar(100) NOT NULL,
        [Node] nvarchar(100) NOT NULL,
        [StartedAt] datetime2 NOT NULL,
        [LastBeatAt] datetime2 NOT NULL,
        CONSTRAINT [PK_WorkerHeartbeats] PRIMARY KEY ([Owner])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203055420_Operations'
)
BEGIN
    CREATE INDEX [IX_WorkerHeartbeats_LastBeatAt] ON [WorkerHeartbeats] ([LastBeatAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203055420_Operations'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203055420_Operations', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203055803_KoreanCheckout'
)
BEGIN
    ALTER TABLE [Orders] ADD [PrivacyAgreedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203055803_KoreanCheckout'
)
BEGIN
    ALTER TABLE [Orders] ADD [PrivacyVersionAgreed] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203055803_KoreanCheckout'
)
BEGIN
    ALTER TABLE [Orders] ADD [TermsAgreedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203055803_KoreanCheckout'
)
BEGIN
    ALTER TABLE [Orders] ADD [TermsVersionAgreed] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203055803_KoreanCheckout'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203055803_KoreanCheckout', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203062013_CatalogManagement'
)
BEGIN
    ALTER TABLE [Products] ADD [IsArchived] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203062013_CatalogManagement'
)
BEGIN
    ALTER TABLE [Products] ADD [LowStockThreshold] int NOT NULL DEFAULT 5;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203062013_CatalogManagement'
)
BEGIN
    ALTER TABLE [Products] ADD [Sku] nvarchar(40) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203062013_CatalogManagement'
)
BEGIN
    ALTER TABLE [Categories] ADD [IsHidden] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203062013_CatalogManagement'
)
BEGIN
    ALTER TABLE [Categories] ADD [Version] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203062013_CatalogManagement'
)
BEGIN
    CREATE TABLE [ProductEvents] (
        [Id] bigint NOT NULL IDENTITY,
        [ProductId] int NOT NULL,
        [Kind] nvarchar(40) NOT NULL,
        [Actor] nvarchar(256) NOT NULL,
        [At] datetime2 NOT NULL,
        [Version] bigint NOT NULL,
        [StockBefore] int NULL,
        [StockAfter] int NULL,
        [OrderNumber] nvarchar(40) NULL,
        [Note] nvarchar(4000) NULL,
        CONSTRAINT [PK_ProductEvents] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ProductEvents_Products_ProductId] FOREIGN KEY ([ProductId]) REFERENCES [Products] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203062013_CatalogManagement'
)
BEGIN
    CREATE TABLE [ProductSlugRedirects] (
        [Id] int NOT NULL IDENTITY,
        [Slug] nvarchar(100) NOT NULL,
        [ProductId] int NOT NULL,
        CONSTRAINT [PK_ProductSlugRedirects] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ProductSlugRedirects_Products_ProductId] FOREIGN KEY ([ProductId]) REFERENCES [Products] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203062013_CatalogManagement'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Products_Sku] ON [Products] ([Sku]) WHERE [Sku] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203062013_CatalogManagement'
)
BEGIN
    CREATE INDEX [IX_Products_Stock] ON [Products] ([Stock]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203062013_CatalogManagement'
)
BEGIN
    CREATE INDEX [IX_ProductEvents_ProductId_At] ON [ProductEvents] ([ProductId], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203062013_CatalogManagement'
)
BEGIN
    CREATE INDEX [IX_ProductSlugRedirects_ProductId] ON [ProductSlugRedirects] ([ProductId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203062013_CatalogManagement'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ProductSlugRedirects_Slug] ON [ProductSlugRedirects] ([Slug]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261203062013_CatalogManagement'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261203062013_CatalogManagement', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205003348_CategoryEvents'
)
BEGIN
    CREATE TABLE [CategoryEvents] (
        [Id] bigint NOT NULL IDENTITY,
        [CategoryId] int NOT NULL,
        [Slug] nvarchar(80) NOT NULL,
        [Kind] nvarchar(40) NOT NULL,
        [Actor] nvarchar(256) NOT NULL,
        [At] datetime2 NOT NULL,
        [Version] bigint NOT NULL,
        [Note] nvarchar(1000) NULL,
        CONSTRAINT [PK_CategoryEvents] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205003348_CategoryEvents'
)
BEGIN
    CREATE INDEX [IX_CategoryEvents_At] ON [CategoryEvents] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205003348_CategoryEvents'
)
BEGIN
    CREATE INDEX [IX_CategoryEvents_CategoryId_Version] ON [CategoryEvents] ([CategoryId], [Version]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205003348_CategoryEvents'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261205003348_CategoryEvents', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205004620_ProductPicturesAndShippingLines'
)
BEGIN
    DECLARE @var3 nvarchar(max);
    SELECT @var3 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Products]') AND [c].[name] = N'ImagePath');
    IF @var3 IS NOT NULL EXEC(N'ALTER TABLE [Products] DROP CONSTRAINT ' + @var3 + ';');
    ALTER TABLE [Products] DROP COLUMN [ImagePath];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205004620_ProductPicturesAndShippingLines'
)
BEGIN
    ALTER TABLE [Products] ADD [CoverHash] nvarchar(32) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205004620_ProductPicturesAndShippingLines'
)
BEGIN
    DECLARE @var4 nvarchar(max);
    SELECT @var4 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[OrderLine]') AND [c].[name] = N'ProductId');
    IF @var4 IS NOT NULL EXEC(N'ALTER TABLE [OrderLine] DROP CONSTRAINT ' + @var4 + ';');
    ALTER TABLE [OrderLine] ALTER COLUMN [ProductId] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205004620_ProductPicturesAndShippingLines'
)
BEGIN
    ALTER TABLE [OrderLine] ADD [Kind] nvarchar(40) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205004620_ProductPicturesAndShippingLines'
)
BEGIN
    CREATE TABLE [ProductPictures] (
        [Id] int NOT NULL IDENTITY,
        [ProductId] int NOT NULL,
        [Position] int NOT NULL,
        [Hash] nvarchar(32) NOT NULL,
        [AltEn] nvarchar(200) NULL,
        [AltKo] nvarchar(200) NULL,
        CONSTRAINT [PK_ProductPictures] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ProductPictures_Products_ProductId] FOREIGN KEY ([ProductId]) REFERENCES [Products] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205004620_ProductPicturesAndShippingLines'
)
BEGIN
    CREATE TABLE [ProductPictureFiles] (
        [PictureId] int NOT NULL,
        [Size] nvarchar(40) NOT NULL,
        [Bytes] varbinary(max) NOT NULL,
        CONSTRAINT [PK_ProductPictureFiles] PRIMARY KEY ([PictureId], [Size]),
        CONSTRAINT [FK_ProductPictureFiles_ProductPictures_PictureId] FOREIGN KEY ([PictureId]) REFERENCES [ProductPictures] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205004620_ProductPicturesAndShippingLines'
)
BEGIN
    CREATE INDEX [IX_ProductPictures_Hash] ON [ProductPictures] ([Hash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205004620_ProductPicturesAndShippingLines'
)
BEGIN
    CREATE INDEX [IX_ProductPictures_ProductId_Position] ON [ProductPictures] ([ProductId], [Position]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261205004620_ProductPicturesAndShippingLines'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261205004620_ProductPicturesAndShippingLines', N'10.0.15');
END;

COMMIT;
GO

